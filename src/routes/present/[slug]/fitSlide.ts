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
 * loading) leaves a fit that is too narrow, or one that overflowed at every share and fell back
 * to full width, and no later change to correct it: such a fit is checked again once things are
 * quiet, at most this often per scene. (The full-width fallback once stayed, under CI's load,
 * with the quantization slide 286 px past the screen; with 8x CPU throttling two checks were
 * spent while its numbers loaded and the last fit, measured before its charts redrew, left it
 * 31 px past. It stayed once more, at a share of 0.43 and 31 px past, after two checks measured
 * mid-redraw and agreed: hence the longer settle, the walk down, and no agreement that overflows.)
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

/** Space the slide may fill: from its top to the bottom of its stage's content (the element it sits in). */
function overflows(slide: HTMLElement, stage: HTMLElement): boolean {
	const padding = parseFloat(getComputedStyle(stage).paddingBottom) || 0;
	const room = stage.getBoundingClientRect().bottom - padding - slide.getBoundingClientRect().top;
	return slide.scrollHeight > room - SLACK;
}

/**
 * A Svelte action: keeps `--fit` on `slide` at the largest share of the width that fits.
 * While it searches, the slide carries `data-fitting` (tests wait for it to go).
 */
export function fitSlide(slide: HTMLElement, key: unknown) {
	const stage = slide.parentElement ?? slide;
	let fitting = false;
	let again = false;
	let fit = 1;
	let lastHeight = 0;
	/** The stage's height at the last fit: the bar above it can grow (a status line wrapping). */
	let lastRoom = 0;
	let refits = 0;
	let checks = 0;
	/** The fit the pending check is to confirm. */
	let checkedFit = Number.NaN;
	let quiet: ReturnType<typeof setTimeout> | undefined;

	const set = async (value: number) => {
		fit = value;
		slide.style.setProperty('--fit', String(value));
		await settle(slide);
	};

	async function refit() {
		if (fitting) return void (again = true);
		fitting = true;
		slide.dataset.fitting = '';
		try {
			await set(1);
			if (overflows(slide, stage)) {
				let lo = MIN_FIT;
				let hi = 1;
				for (let i = 0; i < STEPS; i++) {
					const mid = (lo + hi) / 2;
					await set(mid);
					if (overflows(slide, stage)) hi = mid;
					else lo = mid;
				}
				// Content whose height does not follow its width overflows at any share: then the
				// narrowest one only makes it worse, and the figures keep the full width.
				await set(lo);
				// The height is not monotonic in the width (narrow text wraps onto more lines), and a
				// measurement taken mid-redraw can pass a share that then overflows: walk down from it.
				while (lo > MIN_FIT && overflows(slide, stage)) {
					lo = Math.max(MIN_FIT, lo - WALK);
					await set(lo);
				}
				if (lo === MIN_FIT && overflows(slide, stage)) await set(1);
			}
		} finally {
			fitting = false;
			delete slide.dataset.fitting;
			lastHeight = slide.scrollHeight;
			lastRoom = stage.clientHeight;
			slide.dataset.fitted = String(fit);
		}
		if (again) {
			again = false;
			void refit();
			return;
		}
		// A check that found the same fit as the one before it measured settled content: checking
		// again would find it once more, and only hold the slide as "fitting" for nothing.
		// A fit that still overflows is never confirmed: the content it was measured on has changed.
		const confirmed = checks > 0 && fit === checkedFit && !overflows(slide, stage);
		if ((fit < 1 || overflows(slide, stage)) && !confirmed && checks < MAX_CHECKS) {
			checks += 1;
			checkedFit = fit;
			later();
		}
	}

	/** One more fit once the height has held for QUIET_MS; marked as fitting while it waits. */
	function later() {
		slide.dataset.fitting = '';
		clearTimeout(quiet);
		quiet = setTimeout(() => void refit(), QUIET_MS);
	}

	// Content that grows or shrinks on its own (a figure's numbers arriving) asks for a new fit;
	// the changes the bisection itself makes are ignored while it runs.
	const observer = new ResizeObserver(() => {
		const height = slide.scrollHeight;
		const room = stage.clientHeight;
		if (fitting || (Math.abs(height - lastHeight) < 2 && Math.abs(room - lastRoom) < 2)) return;
		lastHeight = height;
		lastRoom = room;
		if (!(overflows(slide, stage) || fit < 1)) return;
		if (refits >= MAX_REFITS) return later();
		refits += 1;
		void refit();
	});
	observer.observe(slide);
	observer.observe(stage);
	void refit();

	return {
		update(next: unknown) {
			if (next === key) return;
			key = next;
			refits = 0;
			checks = 0;
			checkedFit = Number.NaN;
			clearTimeout(quiet);
			// After the new scene's figures are in the DOM.
			void frame().then(refit);
		},
		destroy() {
			clearTimeout(quiet);
			observer.disconnect();
		}
	};
}
