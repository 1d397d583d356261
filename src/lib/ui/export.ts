/**
 * Figure export: a standalone SVG string, a PNG blob, CSV text, and a download helper.
 * A figure's look comes from stylesheets and CSS variables that do not travel with a bare
 * <svg> file, so the SVG export copies the computed presentation styles onto each element.
 */

/** The styles a standalone SVG needs to look like the page (colours, strokes, text). */
const INLINED_STYLES = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-dasharray',
	'stroke-opacity',
	'stroke-linecap',
	'stroke-linejoin',
	'opacity',
	'font-family',
	'font-size',
	'font-weight',
	'font-style',
	'text-anchor',
	'dominant-baseline',
	'paint-order',
	'visibility',
	'display',
	// Strokes drawn under a scaling transform (the axes cube's faces) keep their pixel width.
	'vector-effect'
] as const;

/** Values that are every element's default: not written out, so the file does not repeat them. */
const DEFAULTS: Partial<Record<(typeof INLINED_STYLES)[number], string>> = { 'vector-effect': 'none' };

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface SvgExportOptions {
	/** Paint this colour behind the figure (exports are otherwise transparent: dark text on nothing). */
	background?: string;
}

/** Serializes `svg` as a standalone SVG document with computed styles inlined. */
export function svgToString(svg: SVGSVGElement, options: SvgExportOptions = {}): string {
	const clone = svg.cloneNode(true) as SVGSVGElement;
	const view = svg.ownerDocument.defaultView;
	if (view) {
		// cloneNode keeps document order, so the two element lists pair up one to one.
		const sources = [svg, ...Array.from(svg.querySelectorAll('*'))];
		const targets = [clone, ...Array.from(clone.querySelectorAll('*'))];
		sources.forEach((src, i) => {
			const dst = targets[i] as SVGElement | undefined;
			if (!dst) return;
			const computed = view.getComputedStyle(src);
			const decl: string[] = [];
			for (const prop of INLINED_STYLES) {
				const v = computed.getPropertyValue(prop);
				if (v && !v.includes('var(') && v !== DEFAULTS[prop]) decl.push(`${prop}:${v}`);
			}
			if (decl.length) dst.setAttribute('style', decl.join(';'));
		});
	}
	clone.setAttribute('xmlns', SVG_NS);
	const width = svg.getAttribute('width');
	const height = svg.getAttribute('height');
	if (width && height && !clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
	if (options.background) {
		const rect = svg.ownerDocument.createElementNS(SVG_NS, 'rect');
		rect.setAttribute('width', '100%');
		rect.setAttribute('height', '100%');
		rect.setAttribute('fill', options.background);
		// After <title>/<desc>, before the drawing, so it sits underneath.
		const firstDrawn = Array.from(clone.children).find((c) => !['title', 'desc'].includes(c.tagName.toLowerCase()));
		clone.insertBefore(rect, firstDrawn ?? null);
	}
	const xml = new XMLSerializer().serializeToString(clone);
	return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
}

/** Renders `svg` into a PNG at `scale`× its size (2× stays sharp on slides and retina screens). */
export async function svgToPng(svg: SVGSVGElement, scale = 2, options: SvgExportOptions = {}): Promise<Blob> {
	const width = Number(svg.getAttribute('width')) || svg.clientWidth || 640;
	const height = Number(svg.getAttribute('height')) || svg.clientHeight || 400;
	const url = URL.createObjectURL(new Blob([svgToString(svg, options)], { type: 'image/svg+xml' }));
	try {
		const img = new Image();
		img.width = width;
		img.height = height;
		await new Promise<void>((resolve, reject) => {
			img.onload = () => resolve();
			img.onerror = () => reject(new Error('The figure could not be rendered as an image.'));
			img.src = url;
		});
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(width * scale);
		canvas.height = Math.round(height * scale);
		const g = canvas.getContext('2d');
		if (!g) throw new Error('Canvas 2D is not available.');
		g.scale(scale, scale);
		g.drawImage(img, 0, 0, width, height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed.'))), 'image/png')
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}

export type CsvCell = string | number | boolean | null | undefined;

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; quotes doubled. */
export function csvField(value: CsvCell): string {
	if (value === null || value === undefined) return '';
	const s = String(value);
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text: a header line of `columns`, then one line per row, lines separated by \n. */
export function toCsv(columns: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
	return [columns, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/** A file name from a title: "Gradient norm, per layer" → "gradient-norm-per-layer". */
export function fileSlug(text: string): string {
	return (
		text
			.toLowerCase()
			.normalize('NFKD')
			.replace(/[^\w\s-]/g, '')
			.trim()
			.replace(/[\s_-]+/g, '-')
			.slice(0, 60) || 'figure'
	);
}

/** Saves `data` as a file through a temporary link (no server round trip). */
export function download(data: Blob | string, filename: string, mime = 'text/plain;charset=utf-8'): void {
	const blob = typeof data === 'string' ? new Blob([data], { type: mime }) : data;
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.rel = 'noopener';
	document.body.appendChild(a);
	a.click();
	a.remove();
	// Give the browser a moment to start the download before the URL goes away.
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
