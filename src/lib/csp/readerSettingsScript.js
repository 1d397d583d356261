/**
 * The one inline script of our own, in a lab page's or an embed's head (LabShell.svelte). A link
 * may carry other settings than the build computed; the page's scripts find that out only when
 * they hydrate, a second or more after first paint. Until then this marks the document, and the
 * figures and live equations show the build's numbers faded, under "computing your settings…"
 * (Figure.svelte, Equation.svelte): they never pass for the reader's. Any query parameter but the
 * backend and the theme counts as a setting; LabShell removes the mark once the page has
 * hydrated, where the figures say for themselves whether their numbers are the reader's.
 * The Content-Security-Policy allows it by its hash (directives.js): a change here changes it.
 */
export const READER_SETTINGS_SCRIPT =
	"if(/[?&](?!backend=|theme=)[^&=]/.test(location.search))document.documentElement.dataset.readerSettings='';";
