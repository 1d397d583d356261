/**
 * What the built site is expected to contain, read from the lab registry: a lab that goes live
 * there gets its lab page, embeds, a11y scans and screenshots tested with no edit here.
 */
import { liveLabs, upcomingLabs } from '../../../src/lib/labs/registry';

export interface LiveLab {
	slug: string;
	title: RegExp;
	/** Figure ids that have their own embed page, /embed/<slug>/<figure>. */
	figures: string[];
	/** False for a lab of formulas only: it loads no runtime (see LabDeclaration.runsModels). */
	runsModels: boolean;
}

export const LIVE_LABS: LiveLab[] = liveLabs.map((lab) => ({
	slug: lab.slug,
	title: new RegExp(lab.title.split(' ')[0], 'i'),
	figures: lab.figures.filter((f) => f.embeddable).map((f) => f.id),
	runsModels: lab.runsModels
}));

/** Listed on the index as "coming soon", not links. */
export const UPCOMING_LABS = upcomingLabs.map(({ slug, title }) => ({ slug, title }));

export interface SitePage {
	/** A file-name-safe name for screenshots. */
	name: string;
	path: string;
	/** Runs a model (has window.__vlab). */
	live: boolean;
	/** Embed pages: no site chrome, post their height. */
	embed: boolean;
	/** False where the page's lab is one of formulas only (LabDeclaration.runsModels). */
	runsModels?: boolean;
	/** The figure an embed page shows on its own. */
	figure?: string;
}

export function sitePages(): SitePage[] {
	const pages: SitePage[] = [{ name: 'index', path: '/', live: false, embed: false }];
	for (const lab of LIVE_LABS) {
		pages.push({ name: `lab-${lab.slug}`, path: `/labs/${lab.slug}`, live: true, embed: false });
		pages.push({ name: `embed-${lab.slug}`, path: `/embed/${lab.slug}`, live: true, embed: true, runsModels: lab.runsModels });
		for (const figure of lab.figures) {
			pages.push({
				name: `embed-${lab.slug}-${figure}`,
				path: `/embed/${lab.slug}/${figure}`,
				live: true,
				embed: true,
				runsModels: lab.runsModels,
				figure
			});
		}
	}
	return pages;
}

/** Appends `backend=…` (and any other params) to a path. */
export function withQuery(path: string, params: Record<string, string | number>): string {
	const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
	return `${path}${path.includes('?') ? '&' : '?'}${query.toString()}`;
}
