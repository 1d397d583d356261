/**
 * Fits a slide's figures to the screen: a clicker cannot scroll, so the figures must end above
 * the bottom edge. Charts take their height from their width (Chart's aspect), while their text
 * keeps its size, so narrowing the figures is what makes them shorter without shrinking a label:
 * the widest share of the stage (`--fit`, 0.3 to 1) whose content still fits is found by
 * bisection, and found again when the content's height changes (a new scene, a sweep landing,
 * a window resize).
 */
const MIN_FIT = 0.3;
const STEPS = 7;

/** Observer-triggered refits allowed per scene: content that keeps changing size must not loop. */
const MAX_REFITS = 4;
/**
 * Past that budget (a slow model still loading, a sweep's progress note coming and going), one
 * more fit each time the height has held this long: never a loop, and never stuck narrow.
 */
const QUIET_MS = 1000;
/**
 * Content that changed while the bisection ran (numbers landing mid-search, a figure still
 * loading) leaves a fit that is too narrow, or past the screen, and no later change to correct
 * it: a fit below full width or past the screen is checked once things are quiet (see `check`),
 * at most this often per scene. (The full-width fallback once stayed, under CI's load, with the
 * quantization slide 286 px past the screen; with 8x CPU throttling two checks were spent while
 * its numbers loaded and the last fit, measured before its charts redrew, left it 31 px past.
 * Hence the longer settle and the walk down.)
 */
const MAX_CHECKS = 4;
/** px left free under the slide: a readout that gains a line after the fit still fits. */
const SLACK = 16;

const frame = () => new Promise<void>((done) => requestAnimationFrame(() => done()));

/** Frames the slide's height must hold for before it is measured. */
const STILL_FRAMES = 3;
/** Step of the walk down from a bisection whose answer overflows once its charts have redrawn. */
const WALK = 0.04;

/**
 * Waits until the slide's height holds still for a few frames. One frame is not enough: a chart
 * measures its new width, redraws, and its container can then measure once more (a chart went
 * 640 → 512 → 567 px tall over three frames), so a height seen twice can still be moving.
 */
async function settle(slide: HTMLElement): Promise<void> {
	let last = -1;
	let still = 0;
	for (let i = 0; i < 24 && still < STILL_FRAMES; i++) {
		await frame();
		const now = slide.scrollHeight;
		still = now === last ? still + 1 : 0;
		last = now;
	}
}

/**
 * How far the slide ends below the space it may fill, in px (≤ 0: it fits). The space runs from
 * the slide's top to the bottom of its stage's content (the element it sits in), less SLACK.
 */
function excess(slide: HTMLElement, stage: HTMLElement): number {
	const padding = parseFloat(getComputedStyle(stage).paddingBottom) || 0;
	const room = stage.getBoundingClientRect().bottom - padding - slide.getBoundingClientRect().top;
	return slide.scrollHeight - (room - SLACK);
}

/** Sets the share and returns the slide's excess there (px, ≤ 0 fits), once its height holds. */
export type MeasureFit = (share: number) => Promise<number>;

/**
 * The widest share of the stage (MIN_FIT to 1) at which the slide fits, by bisection, then a walk
 * down while the answer overflows (the height is not monotonic in the width, since narrow text
 * wraps onto more lines, and a measurement taken mid-redraw can pass a share that then
 * overflows). When narrowing does not make the slide shorter than at full width, its text sets
 * its height, not its charts: the search stops there instead of shrinking the charts for nothing.
 * When the walk finds no share that fits, the widest that fitted when it was measured, else the
 * one that overflowed least. `current`, the share the slide has, is kept when it still fits and
 * one step wider does not.
 */
export async function searchFit(measure: MeasureFit, current?: number): Promise<number> {
	const tried = new Map<number, number>();
	const at = async (share: number) => {
		const over = await measure(share);
		tried.set(share, over);
		return over;
	};
	// Content that changed in place (numbers landing) mostly leaves the fit right: a share that
	// still fits, one step narrower than one that does not, stands without a search.
	if (current !== undefined && current < 1 && (await at(current)) <= 0 && (await at(Math.min(1, current + WALK))) > 0) return current;
	const full = tried.get(1) ?? (await at(1));
	if (full <= 0) return 1;
	let lo = MIN_FIT;
	let hi = 1;
	let narrowingHelps = true;
	for (let i = 0; i < STEPS && narrowingHelps; i++) {
		const mid = (lo + hi) / 2;
		const over = await at(mid);
		if (over <= 0) lo = mid;
		else {
			hi = mid;
			// Only while no share has fitted yet: past that, the bisection is refining a fit.
			if (lo === MIN_FIT) narrowingHelps = over < full;
		}
	}
	if (narrowingHelps) {
		let over = await at(lo);
		// It fitted when the bisection measured it: one more look before giving it up, since a
		// measurement taken while a chart still redraws can overflow once (under CI's load it left
		// the quantization slide one step narrower, its figure under a quarter of the screen).
		if (over > 0 && lo > MIN_FIT) over = await at(lo);
		while (over > 0 && lo > MIN_FIT) {
			lo = Math.max(MIN_FIT, lo - WALK);
			over = await at(lo);
		}
		if (over <= 0) return lo;
	}
	// The widest share that fitted when measured, else the one that overflowed least.
	let best = 1;
	for (const [share, over] of tried) {
		const least = tried.get(best)!;
		const better = over <= 0 ? least > 0 || share > best : over < least || (over === least && share > best);
		if (better) best = share;
	}
	return best;
}

/**
 * From `share`, whose slide ends `over` px past its space, a step narrower at a time while each
 * step makes the slide shorter, until it fits or reaches MIN_FIT. Returns the first share that
 * fits, else the last that still helped: when narrowing stops helping, the text sets the height.
 */
export async function walkDown(measure: MeasureFit, share: number, over: number): Promise<number> {
	while (over > 0 && share > MIN_FIT) {
		const next = Math.max(MIN_FIT, share - WALK);
		const nextOver = await measure(next);
		if (nextOver >= over) return share;
		share = next;
		over = nextOver;
	}
	return share;
}

/**
 * A Svelte action: keeps `--fit` on `slide` at the largest share of the width that fits.
 * While it searches, the slide carries `data-fitting` (tests wait for it to go).
 */
export function fitSlide(slide: HTMLElement, key: unknown) {
	const stage = slide.parentElement ?? slide;
	let fitting = false;
	/** A fit asked for while one ran (null: none), and whether it was in place (see refit). */
	let again: boolean | null = null;
	let fit = 1;
	let lastHeight = 0;
	/** The stage's height at the last fit: the bar above it can grow (a status line wrapping). */
	let lastRoom = 0;
	let refits = 0;
	let checks = 0;
	let quiet: ReturnType<typeof setTimeout> | undefined;

	const set = async (value: number) => {
		fit = value;
		slide.style.setProperty('--fit', String(value));
		await settle(slide);
	};
	const measure: MeasureFit = async (share) => {
		await set(share);
		return excess(slide, stage);
	};
	const unchanged = () => Math.abs(slide.scrollHeight - lastHeight) < 2 && Math.abs(stage.clientHeight - lastRoom) < 2;

	/** Marks the slide as fitting while `work` runs; a fit asked for meanwhile runs after it. */
	async function fitWhile(work: () => Promise<void>, inPlace = false) {
		if (fitting) return void (again = (again ?? true) && inPlace);
		fitting = true;
		slide.dataset.fitting = '';
		try {
			await work();
		} finally {
			fitting = false;
			delete slide.dataset.fitting;
			lastHeight = slide.scrollHeight;
			lastRoom = stage.clientHeight;
			slide.dataset.fitted = String(fit);
		}
		if (again !== null) {
			const inPlace = again;
			again = null;
			void refit(inPlace);
		}
	}

	/** `inPlace`: the same scene's content changed size, so its current fit is tried first. */
	async function refit(inPlace = false) {
		await fitWhile(async () => {
			const share = await searchFit(measure, inPlace ? fit : undefined);
			if (share !== fit) await set(share);
		}, inPlace);
		// Content that changed while the search ran (numbers landing mid-search, a figure still
		// loading) can leave a fit too narrow or past the screen: checked once things are quiet.
		// A slide past the screen is always checked (see check); only checks of a narrow fit that
		// may be too narrow are budgeted.
		if (fitting) return;
		if (excess(slide, stage) > 0) later(check);
		else if (fit < 1 && checks < MAX_CHECKS) {
			checks += 1;
			later(check);
		}
	}

	/**
	 * The check after a fit, once the height has held for QUIET_MS. Content that changed since
	 * fits again. Unchanged content keeps its fit, unless one step wider fits too: then a
	 * measurement during the search was taken mid-redraw, and the search runs again. Before, every
	 * check ran the whole search from full width, and a slide whose text overflows at every width
	 * visibly shrank and grew its figures for ten seconds on the projector.
	 */
	async function check() {
		if (fitting) return;
		if (!unchanged()) return void refit(true);
		const kept = fit;
		const over = excess(slide, stage);
		// Unchanged since its fit, yet past the screen: the fit was measured before its charts had
		// redrawn (CI, under load, left the quantization slide 31 px past the screen this way, with
		// no change to come that would fit it again). A step narrower while that helps; no check
		// follows, so a slide whose text overflows at every width costs one step, not a loop.
		if (over > 0) {
			await fitWhile(async () => {
				const share = await walkDown(measure, kept, over);
				if (share !== fit) await set(share);
			});
			return;
		}
		if (kept >= 1) return;
		let widerFits = false;
		await fitWhile(async () => {
			widerFits = (await measure(Math.min(1, kept + WALK))) <= 0;
			if (!widerFits) await set(kept);
		});
		if (widerFits) void refit();
	}

	/** `then` once the height has held for QUIET_MS; marked as fitting while it waits. */
	function later(then: () => Promise<void>) {
		slide.dataset.fitting = '';
		clearTimeout(quiet);
		quiet = setTimeout(() => {
			delete slide.dataset.fitting;
			void then();
		}, QUIET_MS);
	}

	// Content that grows or shrinks on its own (a figure's numbers arriving) asks for a new fit;
	// the changes the search itself makes are ignored while it runs.
	const observer = new ResizeObserver(() => {
		if (fitting || unchanged()) return;
		lastHeight = slide.scrollHeight;
		lastRoom = stage.clientHeight;
		if (!(excess(slide, stage) > 0 || fit < 1)) return;
		if (refits >= MAX_REFITS) return later(() => refit(true));
		refits += 1;
		void refit(true);
	});
	observer.observe(slide);
	observer.observe(stage);

	/**
	 * A fresh fit a frame from now, after the slide's figures are in the DOM. Only the latest
	 * asked for runs: on arrival at ?scene=n the page first shows its first slide, then slide n.
	 */
	let scheduled = 0;
	const refitNextFrame = () => {
		const ticket = ++scheduled;
		void frame().then(() => {
			if (ticket === scheduled) void refit();
		});
	};
	refitNextFrame();

	return {
		update(next: unknown) {
			if (next === key) return;
			key = next;
			refits = 0;
			checks = 0;
			clearTimeout(quiet);
			refitNextFrame();
		},
		destroy() {
			clearTimeout(quiet);
			observer.disconnect();
		}
	};
}
