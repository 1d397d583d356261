/**
 * The oEmbed responses (https://oembed.com, type "rich"): what a blog platform or a chat needs to
 * embed a lab or one figure from its link. Served as static JSON files, one per lab and per
 * embeddable figure, and found through each page's `<link rel="alternate" type="application/json+oembed">`.
 */
import type { Lab, LabFigure } from '$lib/labs/types';
import { embedTitleOf } from '$lib/labs/declare';
import { escapeHtml } from '$lib/escapeHtml';
import { absolute, embedPath, PREVIEW_SIZE, previewPath, SITE_NAME } from './links';

export interface OEmbedRich {
	version: '1.0';
	type: 'rich';
	title: string;
	provider_name: string;
	provider_url: string;
	/** The iframe to paste; it sizes itself afterwards (vlab:height, Embedly's and AMP's messages). */
	html: string;
	width: number;
	height: number;
	thumbnail_url: string;
	thumbnail_width: number;
	thumbnail_height: number;
}

/** The width an embed is laid out for. */
export const EMBED_WIDTH = 720;
/** The row of controls and the frame's padding under an embedded figure, roughly. */
const EMBED_CHROME = 96;
/** A whole lab stacks all its figures: start tall, it shrinks to its height once it runs. */
const LAB_EMBED_HEIGHT = 1200;

/** A figure's picture is this tall until the build has pictured it (most are 400–600 px at this width). */
export const FIGURE_HEIGHT_GUESS = 480;

/**
 * The starting height of a figure's embed: its picture's (scripts/linkPreviews.ts measures it
 * after the build and rewrites the response with it), plus its controls.
 */
export function figureEmbedHeight(pictureHeight: number = FIGURE_HEIGHT_GUESS): number {
	return Math.round(pictureHeight) + EMBED_CHROME;
}

function iframe(src: string, title: string, height: number): string {
	return `<iframe src="${escapeHtml(src)}" title="${escapeHtml(title)}" width="${EMBED_WIDTH}" height="${height}" style="width:100%;max-width:${EMBED_WIDTH}px;border:0" loading="lazy"></iframe>`;
}

/**
 * The oEmbed response for a whole lab, or for one of its embeddable figures (`pictureHeight`: the
 * figure's height in px at the embed's width, once the build has measured it).
 */
export function oembedFor(lab: Pick<Lab, 'slug' | 'title'>, figure: Pick<LabFigure, 'id' | 'title' | 'embedTitle'> | null, origin: string, pictureHeight?: number): OEmbedRich {
	const title = figure ? `${embedTitleOf(figure)} · ${lab.title}` : lab.title;
	const height = figure ? figureEmbedHeight(pictureHeight) : LAB_EMBED_HEIGHT;
	return {
		version: '1.0',
		type: 'rich',
		title,
		provider_name: SITE_NAME,
		provider_url: absolute(origin, '/'),
		html: iframe(absolute(origin, embedPath(lab.slug, figure?.id)), title, height),
		width: EMBED_WIDTH,
		height,
		thumbnail_url: absolute(origin, previewPath(lab.slug, figure?.id)),
		thumbnail_width: PREVIEW_SIZE.width,
		thumbnail_height: PREVIEW_SIZE.height
	};
}

