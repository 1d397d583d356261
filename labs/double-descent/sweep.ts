/**
 * The sweeps, as pure maths over a table of raw features (computed by the ONNX graph in the
 * browser and in the model tests): which model sizes and sample sizes are visited, how a model
 * is cut out of the table, and the decompositions along the way.
 *
 * A table holds, for one replicate, the raw features of all N_MAX candidate training inputs and
 * then the GRID_SIZE test inputs (rows), for the first `cols` random features (columns). A model
 * with n points and p features uses rows 0..n−1 and columns 0..p−1, scaled by `featureScale(p)`.
 */
import { Matrix } from 'ml-matrix';
import { featureScale, GRID_SIZE, N_MAX, P_PER_N } from './data';
import { fitFromFactor, fitFromRowFactor, fitTall, fitWide, TriangularFactor, type SpectralFit } from './spectral';

export interface FeatureTable {
	/** Row-major [N_MAX + GRID_SIZE, cols]. */
	data: Float32Array | Float64Array;
	cols: number;
}

/** Smallest training set the sample-wise sweep visits (the n control's minimum). */
export const N_MIN = 5;

/** Largest model size of the sweep for n training points. */
export const maxFeatures = (n: number) => P_PER_N * n;

/**
 * Up to this many features per training point a wide model is decomposed directly (`fitWide`):
 * just past p = n, Φ can be so ill-conditioned that the cheaper factor route loses every digit.
 */
export const DIRECT_WIDE_PER_N = 2;
const direct = (n: number, p: number) => p <= DIRECT_WIDE_PER_N * n;

/** Log-spaced points of [lo, hi] rounded to integers, plus `extra`, sorted and without repeats. */
function integerGrid(lo: number, hi: number, count: number, extra: readonly number[]): number[] {
	const values = new Set<number>();
	for (let i = 0; i < count; i++) values.add(Math.round(lo * (hi / lo) ** (i / (count - 1))));
	for (const v of extra) values.add(Math.round(v));
	return [...values].filter((v) => v >= lo && v <= hi).sort((a, b) => a - b);
}

/**
 * Model sizes visited for n points: 32 log-spaced values from 1 to 20n, and more around the
 * threshold p = n where the curve turns fastest (n/2, 2n and 10n included: the lab quotes them).
 */
export function pGrid(n: number): number[] {
	const near = [0.5, 0.7, 0.8, 0.9, 0.95, 1, 1.05, 1.1, 1.2, 1.4, 2, 10].map((f) => f * n);
	return integerGrid(1, maxFeatures(n), 32, near);
}

/** Training-set sizes visited by the sample-wise sweep for p features (p/2 and the threshold n = p included). */
export function nGrid(p: number): number[] {
	const near = [0.5, 0.8, 0.9, 1, 1.1, 1.25].map((f) => f * p);
	return integerGrid(N_MIN, N_MAX, 12, near);
}

/** Rows [from, from + count) and columns [0, p) of the table, times the model's feature scale. */
function block(table: FeatureTable, from: number, count: number, p: number): Matrix {
	const scale = featureScale(p);
	const rows: Float64Array[] = [];
	for (let i = 0; i < count; i++) {
		const offset = (from + i) * table.cols;
		rows.push(Float64Array.from({ length: p }, (_, j) => scale * table.data[offset + j]));
	}
	return new Matrix(rows);
}

const testBlock = (table: FeatureTable, p: number) => block(table, N_MAX, GRID_SIZE, p);

/** Rows of Φᵀ for raw features [from, to): feature j's values on the first n training inputs. */
function featureRows(table: FeatureTable, n: number, from: number, to: number): Float64Array[] {
	const rows: Float64Array[] = [];
	for (let j = from; j < to; j++) rows.push(Float64Array.from({ length: n }, (_, i) => table.data[i * table.cols + j]));
	return rows;
}

/** cross += Φ_test Φᵀ (GRID_SIZE × n) over raw features [from, to). */
function addCrossProducts(table: FeatureTable, n: number, from: number, to: number, cross: Matrix): void {
	const { data, cols } = table;
	for (let t = 0; t < GRID_SIZE; t++) {
		const testOffset = (N_MAX + t) * cols;
		for (let i = 0; i < n; i++) {
			const trainOffset = i * cols;
			let dot = 0;
			for (let j = from; j < to; j++) dot += data[testOffset + j] * data[trainOffset + j];
			cross.set(t, i, cross.get(t, i) + dot);
		}
	}
}

function checkSize(table: FeatureTable, n: number, p: number): void {
	if (p < 1 || p > table.cols) throw new Error(`p = ${p} is outside the table's 1..${table.cols} features`);
	if (n < 1 || n > N_MAX) throw new Error(`n = ${n} is outside 1..${N_MAX}`);
}

/** The fit of one model (n points, p features), decomposed from scratch. */
export function fitAt(table: FeatureTable, n: number, p: number): SpectralFit {
	checkSize(table, n, p);
	if (p <= n) return fitTall(block(table, 0, n, p), testBlock(table, p));
	if (direct(n, p)) return fitWide(block(table, 0, n, p), testBlock(table, p));
	const factor = new TriangularFactor(n);
	factor.append(featureRows(table, n, 0, p));
	const cross = new Matrix(GRID_SIZE, n);
	addCrossProducts(table, n, 0, p, cross);
	const scale = featureScale(p);
	return fitFromFactor(factor.factor().transpose().mul(scale), cross.mul(scale * scale), p);
}

/**
 * The fits for every p of an ascending list, for n points. Past 2n (see DIRECT_WIDE_PER_N), features are
 * appended to one triangular factor and one table of cross products instead of starting over,
 * so each further p costs a QR and an SVD of n × n matrices plus the new columns' products.
 */
export function* fitsAlongP(table: FeatureTable, n: number, ps: readonly number[]): Generator<SpectralFit> {
	const factor = new TriangularFactor(n);
	const cross = new Matrix(GRID_SIZE, n);
	let done = 0;
	for (const p of ps) {
		checkSize(table, n, p);
		if (p <= n) {
			yield fitTall(block(table, 0, n, p), testBlock(table, p));
			continue;
		}
		if (direct(n, p)) {
			yield fitWide(block(table, 0, n, p), testBlock(table, p));
			continue;
		}
		factor.append(featureRows(table, n, done, p));
		addCrossProducts(table, n, done, p, cross);
		done = p;
		const scale = featureScale(p);
		yield fitFromFactor(factor.factor().transpose().mul(scale), cross.clone().mul(scale * scale), p);
	}
}

/**
 * The fits of one model of p features for every training-set size of an ascending list (the
 * sample-wise sweep). Up to n = p each is decomposed afresh (small); past it, training rows are
 * appended to one p × p triangular factor.
 */
export function* fitsAlongN(table: FeatureTable, p: number, ns: readonly number[]): Generator<SpectralFit> {
	const factor = new TriangularFactor(p);
	const scale = featureScale(p);
	let done = 0;
	for (const n of ns) {
		checkSize(table, n, p);
		if (n < p) {
			yield fitAt(table, n, p);
			continue;
		}
		const train = block(table, 0, n, p);
		const rows: Float64Array[] = [];
		for (let i = done; i < n; i++) rows.push(Float64Array.from(train.getRow(i)));
		factor.append(rows);
		done = n;
		yield fitFromRowFactor(factor.factor(), train, testBlock(table, p));
	}
}
