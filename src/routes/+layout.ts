// Every page is prerendered: the site is a folder of static files any host (or a laptop) can serve.
export const prerender = true;
export const trailingSlash = 'never';
