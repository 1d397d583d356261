/**
 * KaTeX, on the server only: live equations are typeset into the prerendered page, so they show
 * at first paint and with JavaScript off. The browser's bundle never holds it (the branch is
 * dropped from the client build); there `Equation` loads KaTeX on first use.
 */
import type Katex from 'katex';

let serverKatex: typeof Katex | null = null;
if (import.meta.env.SSR) serverKatex = (await import('katex')).default;

/** KaTeX when rendering on the server; null in the browser. */
export const katexOnServer = (): typeof Katex | null => serverKatex;
