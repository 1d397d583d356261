/**
 * Copies text to the clipboard. The async Clipboard API needs a secure context and
 * permission; inside some iframes and on plain http it is missing, so fall back to the
 * old select-a-textarea-and-copy path. Resolves to whether the copy succeeded.
 */
export async function copyText(text: string): Promise<boolean> {
	try {
		if (navigator.clipboard?.writeText) {
			await navigator.clipboard.writeText(text);
			return true;
		}
	} catch {
		// Denied or unavailable: try the fallback below.
	}
	const area = document.createElement('textarea');
	area.value = text;
	area.setAttribute('readonly', '');
	area.style.position = 'fixed';
	area.style.opacity = '0';
	document.body.appendChild(area);
	area.select();
	let ok = false;
	try {
		ok = document.execCommand?.('copy') ?? false;
	} catch {
		ok = false;
	}
	area.remove();
	return ok;
}
