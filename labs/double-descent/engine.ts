/**
 * The sweep engine: from the controls to every curve of the lab, given a source of feature
 * tables (the ONNX graph, run in the sweep worker in the browser and on ORT's WASM backend in the
 * model tests). No DOM here, and no runtime import.
 *
 * Work happens in `run`, an async generator that yields after every decomposition so its caller
 * can stream partial results, yield to its event loop and drop a stale request. Decompositions
 * are cached by (features, data, n, p), so moving λ, the noise or the target redoes only
 * products, and moving the selected p one decomposition plus figure 4's sample-wise sweep;
 * only n, the features, the data seed and new seeds need the p-sweep again.
 */
import { drawTraining, GRID_SIZE, N_MAX, testGrid, type FeatureFamily, type TrainingDraw } from './data';
import { bestLambdaIndex, LAMBDA_SEARCH, linearPieces, mean, quadraticAt, statsAt, type ErrorQuadratic, type FitSummary } from './curves';
import { formsAt, labelForms, summaryAt, type LabelForms } from './forms';
import { Lru } from '$lib/cache/lru';
import type { SpectralFit } from './spectral';
import { summarizeCurves, type DdResults, type Knobs, type SelectedFit } from './summary';
import { fitAt, fitsAlongN, fitsAlongP, maxFeatures, nGrid, pGrid, type FeatureTable } from './sweep';
import { evaluateTarget, targetFn, type TargetId } from './targets';

export interface SweepRequest {
	family: FeatureFamily;
	target: TargetId;
	n: number;
	noise: number;
	lambda: number;
	/** Selected model size (figure 2, sample-wise sweep); clamped to 1..20n. */
	p: number;
	seeds: number;
	seed: number;
}

/** Raw features of replicate `replicate` for n points: a table with maxFeatures(n) columns. */
export type FeatureSource = (family: FeatureFamily, seed: number, replicate: number, n: number) => Promise<FeatureTable>;

export interface Progress {
	done: number;
	total: number;
	/**
	 * True when something a figure shows just became complete (the selected fit, a seed of the
	 * sweep): a good moment to post partial results.
	 */
	milestone: boolean;
}

/** Label-noise levels of figure 4's first panel. */
export const NOISE_LEVELS = [0, 0.1, 0.3, 0.6, 1];

/** λ = 0 and the searched ridge strengths: the λs whose error quadratics are kept per model. */
const RIDGE_LAMBDAS = [0, ...LAMBDA_SEARCH];
/** Figure 4's "too little" and "too much" λ: four half-decades (a factor 100) either side of λ*. */
const RIDGE_SPREAD = 4;

const MB = 1024 * 1024;

/** The selected p actually used: the control, kept within the sweep's 1..20n. */
export const selectedP = (req: Pick<SweepRequest, 'n' | 'p'>) => Math.min(Math.max(1, Math.round(req.p)), maxFeatures(req.n));

const fitBytes = (f: SpectralFit) => 8 * (f.u.length + f.testBasis.length + f.gram.length + f.s.length) + 64;
const tableBytes = (t: FeatureTable) => t.data.byteLength + 64;

export class SweepEngine {
	readonly grid = testGrid();
	#tables: Lru<FeatureTable>;
	#fits: Lru<SpectralFit>;
	#draws = new Lru<TrainingDraw>({ maxBytes: 4 * MB, sizeOf: () => 12 * N_MAX });
	/** Per model and target, its test error against the noise level at every λ of RIDGE_LAMBDAS. */
	#quadratics = new Lru<ErrorQuadratic[]>({ maxBytes: 8 * MB, sizeOf: (q) => 32 * q.length + 64 });
	/** Feature tables asked for and not arrived yet (one request per table, however many wait). */
	#pendingTables = new Map<string, Promise<FeatureTable>>();
	/** Per-seed results of the run in progress: stats at the chosen noise, and figure 4's noise levels. */
	#live: { key: string; stats: FitSummary[][]; noiseLevels: number[][][] } | null = null;
	/** Per fit (so per seed and size), its label forms for each target: what a λ or noise move reuses. */
	#forms = new WeakMap<SpectralFit, Map<TargetId, LabelForms>>();

	constructor(
		private readonly features: FeatureSource,
		budgets: { tables: number; fits: number } = { tables: 48 * MB, fits: 128 * MB }
	) {
		this.#tables = new Lru({ maxBytes: budgets.tables, sizeOf: tableBytes });
		this.#fits = new Lru({ maxBytes: budgets.fits, sizeOf: fitBytes });
	}

	/**
	 * Computes everything `req` needs that is not cached, yielding after each decomposition.
	 * Order: the selected fit, then the p-sweep seed by seed (the first seed gives the whole curve
	 * early; later seeds smooth it), then figure 4's ridge search, then the sample-wise sweep.
	 */
	async *run(req: SweepRequest): AsyncGenerator<Progress> {
		const ps = pGrid(req.n);
		const ns = this.#sampleSizes(req);
		const total = 1 + req.seeds * (2 * ps.length + ns.length);
		let done = 0;
		const live = { key: this.#runKey(req), stats: [] as FitSummary[][], noiseLevels: [] as number[][][] };
		this.#live = live;

		await this.#selectedFit(req);
		yield { done: ++done, total, milestone: true };
		// Ask for every seed's features now: the graph runs while this sweeps the first seed.
		for (let k = 1; k < req.seeds; k++) this.#table(req, k).catch(() => undefined);

		const truth = evaluateTarget(req.target, this.grid);
		for (let k = 0; k < req.seeds; k++) {
			const row: FitSummary[] = (live.stats[k] = []);
			const levels: number[][] = (live.noiseLevels[k] = []);
			// One model's quadratics at λ give every noise level (forms.ts).
			const consume = (fit: SpectralFit) => {
				const forms = this.#formsOf(fit, req, k, truth);
				const at = formsAt(forms, req.lambda);
				row.push(summaryAt(forms, at, req.noise));
				levels.push(NOISE_LEVELS.map((noise) => quadraticAt(at.test, noise)));
			};
			const missing = ps.some((p) => !this.#fits.has(this.#fitKey(req, k, req.n, p)));
			if (missing) {
				// One pass along p reuses the factor of the smaller models; cache every fit.
				const table = await this.#table(req, k);
				let i = 0;
				for (const fit of fitsAlongP(table, req.n, ps)) {
					this.#fits.set(this.#fitKey(req, k, req.n, ps[i++]), fit);
					consume(fit);
					done++;
					yield { done, total, milestone: i === ps.length };
				}
			} else {
				for (const p of ps) consume(await this.#fit(req, k, req.n, p));
				done += ps.length;
				yield { done, total, milestone: true };
			}
		}

		// Figure 4's ridge search: λ-independent, so cached across λ and noise moves.
		for (let k = 0; k < req.seeds; k++) {
			for (const p of ps) {
				await this.#quadraticsOf(req, k, p, truth);
				done++;
				if (done % 8 === 0) yield { done, total, milestone: false };
			}
		}

		for (let k = 0; k < req.seeds && ns.length > 0; k++) {
			const pSel = selectedP(req);
			if (ns.every((n) => this.#fits.has(this.#fitKey(req, k, n, pSel)))) {
				done += ns.length;
				continue;
			}
			const table = await this.#table(req, k);
			let i = 0;
			for (const fit of fitsAlongN(table, pSel, ns)) {
				this.#fits.set(this.#fitKey(req, k, ns[i++], pSel), fit);
				done++;
				yield { done, total, milestone: false };
			}
		}
		yield { done: total, total, milestone: false };
	}

	/**
	 * The results for `req` from what `run` has computed so far. Partial results average the seeds
	 * already swept (or the first seed's sizes so far) and leave figure 4 out; complete results
	 * (call after `run` finished) have everything.
	 */
	async assemble(req: SweepRequest, complete: boolean): Promise<DdResults> {
		const ps = pGrid(req.n);
		const truth = evaluateTarget(req.target, this.grid);
		const live = this.#live?.key === this.#runKey(req) ? this.#live.stats : [];
		const full = live.filter((row) => row.length === ps.length);
		const rows = full.length > 0 ? full : live.slice(0, 1);
		const sizes = rows[0]?.length ?? 0;
		return {
			family: req.family,
			target: req.target,
			n: req.n,
			noise: req.noise,
			lambda: req.lambda,
			seeds: req.seeds,
			replicates: full.length,
			complete,
			ps: ps.slice(0, sizes),
			curves: summarizeCurves(rows),
			fit: await this.#selectedFitResult(req, truth),
			knobs: complete ? await this.#knobs(req, truth) : null,
			featureCheck: await this.#featureCheck(req)
		};
	}

	// ---- pieces -------------------------------------------------------------------------------

	/** The first seed's raw features at training inputs 0–2 and three test inputs, features 0, 1, last. */
	async #featureCheck(req: SweepRequest): Promise<number[]> {
		const table = await this.#table(req, 0);
		const rows = [0, 1, 2, N_MAX, N_MAX + GRID_SIZE / 2, N_MAX + GRID_SIZE - 1];
		const cols = [0, 1, table.cols - 1];
		return rows.flatMap((i) => cols.map((j) => table.data[i * table.cols + j]));
	}

	#runKey(req: SweepRequest): string {
		return JSON.stringify(req);
	}

	#tableKey(req: SweepRequest, k: number): string {
		return `${req.family}|n${req.n}|s${req.seed}|k${k}`;
	}

	#fitKey(req: SweepRequest, k: number, n: number, p: number): string {
		return `${this.#tableKey(req, k)}|${n}x${p}`;
	}

	async #table(req: SweepRequest, k: number): Promise<FeatureTable> {
		const key = this.#tableKey(req, k);
		const cached = this.#tables.get(key);
		if (cached) return cached;
		let pending = this.#pendingTables.get(key);
		if (!pending) {
			pending = this.features(req.family, req.seed, k, req.n).finally(() => this.#pendingTables.delete(key));
			pending.then((table) => this.#tables.set(key, table), () => undefined);
			this.#pendingTables.set(key, pending);
		}
		return pending;
	}

	/** A cached fit, or one decomposed now (after an eviction, or for a size off the sweep). */
	async #fit(req: SweepRequest, k: number, n: number, p: number): Promise<SpectralFit> {
		const key = this.#fitKey(req, k, n, p);
		let fit = this.#fits.get(key);
		if (!fit) {
			fit = fitAt(await this.#table(req, k), n, p);
			this.#fits.set(key, fit);
		}
		return fit;
	}

	#draw(seed: number, k: number): TrainingDraw {
		const key = `${seed}|${k}`;
		let draw = this.#draws.get(key);
		if (!draw) {
			draw = drawTraining(seed, k);
			this.#draws.set(key, draw);
		}
		return draw;
	}

	/** The true function and the unit noise draws at seed k's first n training inputs. */
	#labels(req: SweepRequest, k: number, n: number): { clean: Float64Array; unit: Float64Array } {
		const draw = this.#draw(req.seed, k);
		const f = targetFn(req.target);
		return { clean: Float64Array.from(draw.x.subarray(0, n), f), unit: draw.noise.slice(0, n) };
	}

	#sampleSizes(req: SweepRequest): number[] {
		const pSel = selectedP(req);
		// Past N_MAX points the threshold n = p is out of reach: figure 4 says so instead.
		return pSel <= N_MAX ? nGrid(pSel) : [];
	}

	#selectedFit(req: SweepRequest): Promise<SpectralFit> {
		return this.#fit(req, 0, req.n, selectedP(req));
	}

	async #selectedFitResult(req: SweepRequest, truth: Float64Array): Promise<SelectedFit> {
		const fit = await this.#selectedFit(req);
		const { clean, unit } = this.#labels(req, 0, req.n);
		const stats = statsAt(linearPieces(fit, clean, unit, req.lambda), clean, unit, req.noise, truth);
		const draw = this.#draw(req.seed, 0);
		return {
			p: selectedP(req),
			x: Array.from(this.grid),
			truth: Array.from(truth),
			yHat: Array.from(stats.testPred),
			trainX: Array.from(draw.x.subarray(0, req.n)),
			trainY: Array.from(clean, (v, i) => v + req.noise * unit[i]),
			testError: stats.testMse,
			trainError: stats.trainMse,
			thetaNorm: stats.thetaNorm,
			sigmaMin: stats.sigmaMin
		};
	}

	/** A fit's label forms for the request's target (seed k's labels at the fit's n training points). */
	#formsOf(fit: SpectralFit, req: SweepRequest, k: number, truth: Float64Array): LabelForms {
		let byTarget = this.#forms.get(fit);
		if (!byTarget) this.#forms.set(fit, (byTarget = new Map()));
		let forms = byTarget.get(req.target);
		if (!forms) {
			const { clean, unit } = this.#labels(req, k, fit.n);
			forms = labelForms(fit, clean, unit, truth);
			byTarget.set(req.target, forms);
		}
		return forms;
	}

	/** Model (k, n, p)'s test error against the noise level at every λ of RIDGE_LAMBDAS. */
	async #quadraticsOf(req: SweepRequest, k: number, p: number, truth: Float64Array): Promise<ErrorQuadratic[]> {
		const key = `${this.#fitKey(req, k, req.n, p)}|${req.target}`;
		let quadratics = this.#quadratics.get(key);
		if (!quadratics) {
			const forms = this.#formsOf(await this.#fit(req, k, req.n, p), req, k, truth);
			quadratics = RIDGE_LAMBDAS.map((lambda) => formsAt(forms, lambda).test);
			this.#quadratics.set(key, quadratics);
		}
		return quadratics;
	}

	/** Figure 4's ridge panel and the best λ, at the chosen noise level. */
	async #ridge(req: SweepRequest, truth: Float64Array): Promise<Pick<Knobs, 'ridge' | 'bestLambda'>> {
		const ps = pGrid(req.n);
		// errors[j][i]: seed-averaged test error at RIDGE_LAMBDAS[j] and ps[i].
		const errors = RIDGE_LAMBDAS.map(() => new Array<number>(ps.length).fill(0));
		for (let k = 0; k < req.seeds; k++) {
			for (let i = 0; i < ps.length; i++) {
				const quadratics = await this.#quadraticsOf(req, k, ps[i], truth);
				quadratics.forEach((q, j) => (errors[j][i] += quadraticAt(q, req.noise) / req.seeds));
			}
		}
		// LAMBDA_SEARCH[i] is RIDGE_LAMBDAS[i + 1].
		const best = 1 + bestLambdaIndex((i) => mean(errors[i + 1]));
		const last = RIDGE_LAMBDAS.length - 1;
		const shown = [...new Set([0, Math.max(1, best - RIDGE_SPREAD), best, Math.min(last, best + RIDGE_SPREAD)])];
		return {
			bestLambda: RIDGE_LAMBDAS[best],
			ridge: { lambdas: shown.map((j) => RIDGE_LAMBDAS[j]), testError: shown.map((j) => errors[j]) }
		};
	}

	async #knobs(req: SweepRequest, truth: Float64Array): Promise<Knobs> {
		const live = this.#live?.key === this.#runKey(req) ? this.#live.noiseLevels : [];
		const ps = pGrid(req.n);
		const noise = {
			levels: NOISE_LEVELS,
			testError: NOISE_LEVELS.map((_, l) => ps.map((_, i) => mean(live.map((seed) => seed[i][l]))))
		};
		return { noise, ...(await this.#ridge(req, truth)), sampleWise: await this.#sampleWise(req) };
	}

	async #sampleWise(req: SweepRequest): Promise<Knobs['sampleWise']> {
		const ns = this.#sampleSizes(req);
		if (ns.length === 0) return null;
		const pSel = selectedP(req);
		const truth = evaluateTarget(req.target, this.grid);
		const test: number[][] = ns.map(() => []);
		const train: number[][] = ns.map(() => []);
		for (let k = 0; k < req.seeds; k++) {
			for (let i = 0; i < ns.length; i++) {
				const forms = this.#formsOf(await this.#fit(req, k, ns[i], pSel), req, k, truth);
				const stats = summaryAt(forms, formsAt(forms, req.lambda), req.noise);
				test[i].push(stats.testMse);
				train[i].push(stats.trainMse);
			}
		}
		return { p: pSel, ns, testError: test.map(mean), trainError: train.map(mean) };
	}
}
