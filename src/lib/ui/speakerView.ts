/**
 * reveal.js's speaker view (its notes window) shows the deck twice more, in frames whose address
 * carries `?receiver`. An embed inside one of those keeps its first-paint figure and never starts
 * the runtime, so a live lab does not boot three times on the presenter's laptop.
 *
 * The embed sees its parent's address through `document.referrer`: in full from a deck on the
 * same site, and from another site when the deck's iframe says `referrerpolicy="no-referrer-when-downgrade"`
 * (the README's slide snippet does); otherwise only the deck's origin arrives, and the embed
 * runs as usual.
 */
export function inSpeakerView(referrer: string): boolean {
	if (!URL.canParse(referrer)) return false;
	return new URL(referrer).searchParams.has('receiver');
}
