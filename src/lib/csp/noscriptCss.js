/**
 * The one inline <style> the site ships: an embed page with JavaScript off hides its dead
 * controls behind the still image (NoScriptFallback.svelte). It lives here, not in the component,
 * because the Content-Security-Policy must name its hash (directives.js): any change to this text
 * changes the hash with it.
 */
export const NOSCRIPT_EMBED_CSS = '.embed > :not(.no-script) { display: none !important; }';
