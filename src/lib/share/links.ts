/**
 * Where a lab's or a figure's shareable parts live: its pages, its oEmbed response, its
 * link-preview image and its bare picture (both drawn after the build by scripts/linkPreviews.ts).
 * Root-relative paths; `absolute` puts the site's origin in front (link previews and oEmbed need
 * absolute URLs).
 */
export const SITE_NAME = 'Deep-learning visual lab';

/** Every link-preview image is a card of this size (Open Graph's recommended 1.91:1). */
export const PREVIEW_SIZE = { width: 1200, height: 630 } as const;

export function labPath(slug: string): string {
	return `/labs/${slug}`;
}

export function embedPath(slug: string, figure?: string): string {
	return figure ? `/embed/${slug}/${figure}` : `/embed/${slug}`;
}

export function oembedPath(slug: string, figure?: string): string {
	return figure ? `/oembed/${slug}/${figure}.json` : `/oembed/${slug}.json`;
}

export function previewPath(slug: string, figure?: string): string {
	return figure ? `/previews/${slug}/${figure}.png` : `/previews/${slug}.png`;
}

/**
 * The colour schemes the build pictures bare figures in. Link-preview cards (Open Graph, oEmbed)
 * are light; the site's index and embed gallery show the dark pictures to a reader whose OS is dark.
 */
export type PictureScheme = 'light' | 'dark';

/** A figure's bare picture at its first paint (the index card's picture), also drawn after the build. */
export function stillPath(slug: string, figure: string, scheme: PictureScheme = 'light'): string {
	// Figure ids are kebab-case, so no id ends in ".dark".
	return `/stills/${slug}/${figure}${scheme === 'dark' ? '.dark' : ''}.png`;
}

export function absolute(origin: string, path: string): string {
	return new URL(path, origin).href;
}
