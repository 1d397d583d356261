/**
 * The one inline <style> the site ships: an embed page with JavaScript off keeps its figures
 * (their marks are prerendered) and hides what needs JavaScript: the settings, the ⋯ menu, the
 * figures' own controls, export buttons, data tables (built by the script) and file pickers, and a "computing…" pill that would never end
 * (NoScriptFallback.svelte). It lives here, not in the component,
 * because the Content-Security-Policy must name its hash (directives.js): any change to this text
 * changes the hash with it.
 */
export const NOSCRIPT_EMBED_CSS =
	'.embed :is(.recorded .what-start-does, .embed-bar .toggle, .embed-bar .settings, .embed-bar .menu, .figure .controls, .figure .exports, .figure .data-table, .figure .compare, .figure .computing, .figure .file-input, input, select, button, textarea) { display: none !important; }';

/**
 * A lab page's counterpart (LabNoScript.svelte): the article and its prerendered figures stay;
 * the control panel, the checkpoints, the run buttons, the data tables and every other input are hidden, since
 * none of them can do anything without JavaScript. Its hash is in the policy too.
 */
export const NOSCRIPT_LAB_CSS =
	'.lab :is(aside.panel, .checkpoint, .run-controls, .recorded .what-start-does, .figure .controls, .figure .exports, .figure .data-table, .figure .compare, .figure .computing, .figure .file-input, input, select, button, textarea) { display: none !important; }';
