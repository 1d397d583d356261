/**
 * The lab's controller: URL state in, the probe results out (figure 3, and the numbers the
 * tests compare across backends); plus the live runs (figure 4's and 5's sampling, figure 6's
 * training), the quality sweep, and the hovered step (UI state, not URL state). The model code
 * loads lazily.
 */
import { estimateBytes } from '$lib/cache/bytes';
import type { Backend } from '$lib/onnx/backend';
import { Lru } from '$lib/cache/lru';
import { describeModelError } from '$lib/onnx/errors';
import { getLabController } from '$lib/state/context';
import type { StateOf } from '$lib/state/schema';
import { LabController, type Prerendered } from '$lib/state/labController.svelte';
import { dataset, MIXTURE_CLASSES } from './data';
import { schema, type DiffSchema } from './lab';
import { GUIDED_COUNT, guidanceScore } from './guidanceScore';
import { mmd } from './quality';
import { spread } from './spread';
import { roundTo } from '$lib/recorded/pack';
import { createSamplerRun, DDIM_TRAILS, trajectoryEvery, type SamplerRun, type SamplerTrack } from './samplerRun';
import { knotsOf } from './stateSchedules';
import type { SamplerKind } from './sampler';
import { makeSchedule, type Schedule, type ScheduleKind } from './schedules';
import type { DiffResults } from './summary';
import { createTrainingRun } from './trainingRun';

export const SAMPLE_COUNT = 400;
export const QUALITY_STEPS = [5, 10, 20, 50, 100] as const;
export const QUALITY_SCHEDULES: ScheduleKind[] = ['linear', 'cosine', 'sigmoid'];
export const QUALITY_COUNT = 250;

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Figure 5's class asked for by each sample: class by class in turn. */
const guidanceLabels = () => Int32Array.from({ length: GUIDED_COUNT }, (_, i) => i % MIXTURE_CLASSES);

/** What the unguided samples depend on (not w): a change of it samples them again. */
const freeKeyOf = (s: StateOf<DiffSchema>) => `${s.schedule}:${s.T}:${s.seed}:${s.k0},${s.k1},${s.k2},${s.k3},${s.k4}`;

type GuidanceScore = { accuracy: number; spread: number };

/** One panel of figure 5: its samples and their score (null: none yet). */
export interface GuidancePanel {
	points: Float32Array | null;
	score: GuidanceScore | null;
}

/** What figure 4's DDIM run depends on (its panel shows the build's run only for this). */
const ddimKeyOf = (s: StateOf<DiffSchema>) => `${s.data}:${freeKeyOf(s)}:${Math.min(s.steps, s.T)}`;

/** Figure 4's DDIM run as the build drew it, for the setting it belongs to. */
export interface BuiltDdim {
	key: string;
	track: SamplerTrack;
	/** MMD to the data and spread over the data's, of the unrounded samples. */
	mmd: number;
	spread: number;
}

/** Figure 5's samples as the build computed them, for the setting they belong to. */
interface BuiltGuidance {
	freeKey: string;
	w: number;
	guided: GuidancePanel;
	unguided: GuidancePanel;
}

export interface QualityPoint {
	schedule: ScheduleKind;
	steps: number;
	mmd: number;
}


let computeModule: typeof import('./compute') | undefined;
export class DiffController extends LabController<DiffSchema, DiffResults> {
	/** The step under the reader's pointer in figure 1 (null: none; figures fall back to t). */
	hoverT = $state<number | null>(null);
	/** Figure 4's two runs, side by side: DDPM with T steps and DDIM with k steps, same x_T. */
	readonly samplerRuns = { ddpm: createSamplerRun(), ddim: createSamplerRun() };
	readonly guided = createSamplerRun();
	readonly unguided = createSamplerRun();
	/** Figure 6: the denoiser trained in the browser, then sampled. */
	readonly training = createTrainingRun();
	unguidedScore = $state<GuidanceScore | null>(null);
	runMmd = $state<Record<SamplerKind, number | null>>({ ddpm: null, ddim: null });
	/** Each finished run's spread over the data's (1 is right; DDIM comes out narrower). */
	runSpread = $state<Record<SamplerKind, number | null>>({ ddpm: null, ddim: null });
	guidedScore = $state<GuidanceScore | null>(null);
	/** Figure 5's samples from the build, shown until the live ones land. */
	#builtGuidance = $state.raw<BuiltGuidance | null>(null);
	/** Figure 4's DDIM run from the build, shown until the live run draws. */
	#builtDdim = $state.raw<BuiltDdim | null>(null);
	quality = $state.raw<QualityPoint[]>([]);
	qualityBaseline = $state<number | null>(null);
	qualityStatus = $state<'idle' | 'running' | 'done' | 'error'>('idle');
	/** Why the quality sweep failed, as a sentence for the reader. */
	qualityError = $state<string | null>(null);
	#qualityToken = 0;
	/** Where the quality sweep last started. */
	#qualityBackend: Backend | null = null;

	constructor() {
		super(schema, async (state, backend) => {
			// Imported once: awaiting import() on every change costs the redraw a task hop or two.
			const { computeDiff } = (computeModule ??= await import('./compute'));
			return computeDiff(state, backend, this.scheduleOf(state.schedule, state));
		});
	}

	/**
	 * The build's results also carry figure 4's DDIM run and figure 5's samples, so those figures
	 * draw them at first paint (the live page samples them as runs of their own, see runSampler
	 * and runGuided). The DDIM run is the very job runSampler starts for the same state.
	 */
	override async computeFor(state: StateOf<DiffSchema>, backend: Backend): Promise<DiffResults> {
		const results = await super.computeFor(state, backend);
		const { runSampling } = (computeModule ??= await import('./compute'));
		const sampleAt = async (guidance: number) => Array.from((await runSampling(this.#guidedJob(state, backend, guidance))).x);
		const ddimJob = this.#samplerJob(state, 'ddim', backend);
		const ddim = await runSampling({ ...ddimJob, trajectoryEvery: trajectoryEvery(ddimJob) });
		const data = dataset(state.data, SAMPLE_COUNT, 7001).points;
		// Three decimals: a thousandth of an axis 6.4 units wide, far below a pixel.
		const rounded = (x: Float32Array) => Array.from(x, (v) => roundTo(v, 3));
		return {
			...results,
			ddim: {
				points: rounded(ddim.x),
				trails: ddim.trajectory.map((frame) => rounded(frame.subarray(0, 2 * DDIM_TRAILS))),
				mmd: mmd(ddim.x, data),
				spread: spread(ddim.x) / spread(data)
			},
			guidance: { guided: await sampleAt(state.guidance), unguided: await sampleAt(0) }
		};
	}

	override seed(prerendered: Prerendered<DiffSchema, DiffResults> | null): void {
		super.seed(prerendered);
		if (!prerendered || !this.seedable) return;
		const { ddim, guidance } = prerendered.results;
		if (ddim) {
			const track = { points: Float32Array.from(ddim.points), trajectory: ddim.trails.map((frame) => Float32Array.from(frame)) };
			this.#builtDdim = { key: ddimKeyOf(prerendered.state), track, mmd: ddim.mmd, spread: ddim.spread };
		}
		if (!guidance) return;
		const panel = (x: number[]): GuidancePanel => {
			const points = Float32Array.from(x);
			return { points, score: guidanceScore(points, guidanceLabels()) };
		};
		this.#builtGuidance = { freeKey: freeKeyOf(prerendered.state), w: prerendered.state.guidance, guided: panel(guidance.guided), unguided: panel(guidance.unguided) };
	}

	/** Figure 4's DDIM run from the build, while it is of the reader's settings (else null). */
	get builtDdim(): BuiltDdim | null {
		return this.#builtDdim?.key === ddimKeyOf(this.state) ? this.#builtDdim : null;
	}

	/**
	 * Figure 5's two panels, without guidance and at w: the live samples once drawn, before that
	 * the build's when they belong to the reader's setting.
	 */
	get guidancePanels(): { unguided: GuidancePanel; guided: GuidancePanel } {
		const built = this.#builtGuidance?.freeKey === freeKeyOf(this.state) ? this.#builtGuidance : null;
		const live = (run: SamplerRun, score: GuidanceScore | null, fallback: GuidancePanel | null | undefined): GuidancePanel => {
			const points = run.tracks[0].data.points;
			return points ? { points, score } : (fallback ?? { points: null, score: null });
		};
		return {
			unguided: live(this.unguided, this.unguidedScore, built?.unguided),
			guided: live(this.guided, this.guidedScore, built?.w === this.state.guidance ? built.guided : null)
		};
	}

	// Each schedule is a few arrays of T + 1 numbers (about 40 kB at T = 1000).
	readonly #schedules = new Lru<Schedule>({ maxEntries: 32, maxBytes: 4 * 1024 * 1024, sizeOf: estimateBytes });

	/**
	 * The schedule of `kind` (default: the state's own) for a state's T and custom knots: the
	 * one way into the schedules for every figure, run and probe of the lab. Computed once per
	 * setting, so moving t redraws without rebuilding any schedule.
	 */
	scheduleOf(kind: ScheduleKind = this.state.schedule, state: StateOf<DiffSchema> = this.state): Schedule {
		const key = `${kind}:${state.T}:${kind === 'custom' ? knotsOf(state).join(',') : ''}`;
		return this.#schedules.memo(key, () => makeSchedule(kind, state.T, knotsOf(state)));
	}

	/** The schedule the reader chose. */
	get schedule(): Schedule {
		return this.scheduleOf();
	}

	/** t kept within the current T. */
	get t(): number {
		return Math.min(this.state.t, this.state.T);
	}
	/** The step figures 1 and 2 show: the hovered one, else t. */
	get shownT(): number {
		return this.hoverT ?? this.t;
	}

	/** Runs one sampler of figure 4 (the two interleave step by step when both run). */
	async runSampler(kind: SamplerKind): Promise<void> {
		const s = this.current();
		if (!this.backend) return;
		this.runMmd[kind] = null;
		this.runSpread[kind] = null;
		const run = this.samplerRuns[kind];
		const finished = await run.start({ ...this.#samplerJob(s, kind, this.backend), animate: !reducedMotion() });
		const x = finished ? run.tracks[0].data.points : null;
		if (x) {
			const data = dataset(s.data, SAMPLE_COUNT, 7001).points;
			this.runMmd[kind] = mmd(x, data);
			this.runSpread[kind] = spread(x) / spread(data);
		}
		if (kind === 'ddim') this.#exposeSampler();
	}

	/** Figure 4's run of `kind` for state `s`: DDPM takes T steps, DDIM the state's k. */
	#samplerJob(s: StateOf<DiffSchema>, kind: SamplerKind, backend: Backend) {
		return {
			backend,
			data: s.data,
			schedule: this.scheduleOf(s.schedule, s),
			sampler: kind,
			steps: kind === 'ddpm' ? s.T : Math.min(s.steps, s.T),
			count: SAMPLE_COUNT,
			seed: s.seed
		};
	}

	/** What the sampler control asks for: DDIM alone, or DDPM and DDIM side by side. */
	runChosen(): void {
		if (this.state.sampler === 'ddpm') void this.runSampler('ddpm');
		void this.runSampler('ddim');
	}

	stopSamplers(): void {
		this.samplerRuns.ddpm.cancel();
		this.samplerRuns.ddim.cancel();
	}

	/** Trains figure 6's denoiser on the current data set, schedule and seed. */
	startTraining(): void {
		if (!this.backend) return;
		void this.training.start({ data: this.state.data, schedule: this.schedule, seed: this.state.seed, backend: this.backend });
	}

	/**
	 * WebGPU failed: every run it cut off starts again on WebAssembly from the current settings
	 * (each sampler, the guidance pair, the training, the quality sweep).
	 */
	protected override restartRuns(): void {
		for (const kind of ['ddpm', 'ddim'] as const) if (this.samplerRuns[kind].cutOffByWebgpu) void this.runSampler(kind);
		if (this.guided.cutOffByWebgpu || this.unguided.cutOffByWebgpu) {
			this.#freeKey = ''; // the unguided samples are drawn again too
			void this.runGuided();
		}
		this.training.restartOnWasm();
		if (this.#qualityBackend === 'webgpu' && this.qualityStatus !== 'done' && this.qualityStatus !== 'idle') void this.measureQuality();
	}

	#samplerRuns = 0;
	/** `window.__vlabSampler`: the last sampling run, for the benchmark (steps per second) and tests. */
	#exposeSampler(): void {
		if (typeof window === 'undefined') return;
		this.#samplerRuns += 1;
		(window as Window & { __vlabSampler?: unknown }).__vlabSampler = {
			runs: this.#samplerRuns,
			status: this.samplerRuns.ddim.status,
			sampler: 'ddim',
			steps: this.samplerRuns.ddim.tracks[0].maxSteps,
			stepsPerSecond: this.samplerRuns.ddim.tracks[0].stepsPerSecond,
			backend: this.backend,
			mmd: this.runMmd.ddim
		};
	}

	/** Figure 5: the guided samples at w, and (once per setting) the unguided ones beside them. */
	async runGuided(): Promise<void> {
		const s = this.current();
		if (!this.backend) return;
		const key = freeKeyOf(s);
		const jobs = [this.#guidedRun(this.guided, s, s.guidance).then((score) => (this.guidedScore = score))];
		if (key !== this.#freeKey || this.unguided.status === 'error') {
			this.#freeKey = key;
			jobs.push(this.#guidedRun(this.unguided, s, 0).then((score) => (this.unguidedScore = score)));
		}
		await Promise.all(jobs);
	}

	#freeKey = '';
	async #guidedRun(run: SamplerRun, s: StateOf<DiffSchema>, guidance: number) {
		const finished = await run.start({ ...this.#guidedJob(s, this.backend!, guidance), animate: false });
		const x = finished ? run.tracks[0].data.points : null;
		return x ? guidanceScore(x, guidanceLabels()) : null;
	}

	/** Figure 5's sampling at weight `guidance`: DDIM, 50 steps, the same noise for every w. */
	#guidedJob(s: StateOf<DiffSchema>, backend: Backend, guidance: number) {
		return {
			backend,
			data: 'mixture' as const,
			schedule: this.scheduleOf(s.schedule, s),
			sampler: 'ddim' as const,
			steps: Math.min(50, s.T),
			count: GUIDED_COUNT,
			seed: s.seed,
			condition: { classes: MIXTURE_CLASSES, labels: guidanceLabels(), guidance }
		};
	}

	/** DDIM sample quality (MMD to held-out data) against steps, for each schedule. */
	async measureQuality(): Promise<void> {
		const s = this.current();
		const backend = this.backend;
		if (!backend) return;
		const token = ++this.#qualityToken;
		this.#qualityBackend = backend;
		this.qualityStatus = 'running';
		this.quality = [];
		try {
			const { runSampling } = await import('./compute');
			const { createRng } = await import('$lib/random');
			const held = dataset(s.data, QUALITY_COUNT, 7001).points;
			this.qualityBaseline = mmd(createRng(12).fillNormal(new Float32Array(QUALITY_COUNT * 2)), held);
			const kinds = s.schedule === 'custom' ? [...QUALITY_SCHEDULES, 'custom' as const] : QUALITY_SCHEDULES;
			for (const kind of kinds) {
				for (const steps of QUALITY_STEPS) {
					if (token !== this.#qualityToken) return;
					const out = await runSampling({ backend, data: s.data, schedule: this.scheduleOf(kind, { ...s, T: 1000 }), sampler: 'ddim', steps, count: QUALITY_COUNT, seed: s.seed });
					this.quality = [...this.quality, { schedule: kind, steps, mmd: mmd(out.x, held) }];
				}
			}
			this.qualityStatus = 'done';
		} catch (error) {
			console.warn('quality sweep failed', error);
			if (token !== this.#qualityToken) return;
			this.qualityError = describeModelError(error);
			this.qualityStatus = 'error';
		}
	}
}

export const getDiffController = () => getLabController<DiffSchema, DiffResults>() as DiffController;
