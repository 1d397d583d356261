/**
 * Text made safe to put in HTML we write as a string, as element content or as a double-quoted
 * attribute value: `& " < >` become entities.
 */
export function escapeHtml(text: string): string {
	return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
