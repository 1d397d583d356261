/**
 * Where the site will be served, for the absolute URLs link previews and oEmbed need (Open Graph
 * images, the oEmbed iframe's src): SITE_ORIGIN at build time
 * (`SITE_ORIGIN=https://labs.example.org npm run build`); without it, `npm run preview`'s address.
 * svelte.config.js makes it the prerender's origin, so pages read it as `page.url.origin`.
 */
export const siteOrigin = new URL(process.env.SITE_ORIGIN ?? 'http://localhost:4173').origin;
