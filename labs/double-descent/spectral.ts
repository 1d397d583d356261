/**
 * Least squares through the SVD of the feature matrix, with ml-matrix doing the decompositions.
 *
 * For features Φ (n × p) with thin SVD Φ = U S Vᵀ, every fit the lab draws comes from the same
 * pieces (s, U and the test features in the right-singular basis, Φ_test V):
 *   ridge        θ̂_λ = V diag(s / (s² + λ)) Uᵀ y,
 *   min-norm     θ̂_0 = Φ⁺ y (the same with λ = 0, singular values below the rank tolerance dropped),
 *   predictions  Φ θ̂ = U diag(s) c,  Φ_test θ̂ = (Φ_test V) c,  with c = diag(s / (s² + λ)) Uᵀ y,
 *   norm         ‖θ̂‖ = ‖c‖ (V has orthonormal columns).
 * So one decomposition per (data, features, p) serves every λ, every noise level and every
 * target: changing those only redoes the products above.
 *
 * Wide matrices (p > n) are not decomposed directly: the triangular factor R of Φᵀ = Q R has
 * Rᵀ R = Φ Φᵀ, so the n × n matrix Rᵀ has Φ's singular values and left singular vectors, and its
 * SVD costs O(n³) instead of O(p n²). The right singular vectors then enter only through
 * Φ_test V = (Φ_test Φᵀ) U S⁻¹. When features are appended to a model, R is updated by a QR of
 * [R; new feature rows] (see `TriangularFactor`), which is what makes a sweep over nested p cheap.
 */
import { Matrix, QrDecomposition, SingularValueDecomposition } from 'ml-matrix';

export interface SpectralFit {
	/** Training points, features, test points. */
	n: number;
	p: number;
	g: number;
	/** Singular values of Φ above the rank tolerance, largest first (r = s.length). */
	s: Float64Array;
	/** Left singular vectors U, n × r, row-major. */
	u: Float64Array;
	/** Φ_test V, g × r, row-major. */
	testBasis: Float64Array;
	/**
	 * (Φ_test V)ᵀ (Φ_test V), r × r, row-major: with it the test error of any λ and noise level is a
	 * quadratic form in r numbers, not a pass over the g test points (forms.ts).
	 */
	gram: Float64Array;
}

export interface Solution {
	/** c = diag(s / (s² + λ)) Uᵀ y: θ̂ in the right-singular basis. */
	coef: Float64Array;
	trainPred: Float64Array;
	testPred: Float64Array;
	/** ‖θ̂‖₂. */
	thetaNorm: number;
	/** Mean squared error on the training labels y. */
	trainMse: number;
}

/**
 * How many singular values count as nonzero: those above max(n, p) · ε · s_max, the tolerance
 * numpy's and ml-matrix's pseudo-inverses use.
 */
export function numericalRank(s: ArrayLike<number>, n: number, p: number): number {
	if (s.length === 0 || !(s[0] > 0)) return 0;
	const tol = Math.max(n, p) * Number.EPSILON * s[0];
	let r = 0;
	while (r < s.length && s[r] > tol) r++;
	return r;
}

/** A matrix as one row-major array (ml-matrix keeps rows apart, and reads them one call at a time). */
function rowMajor(m: Matrix, cols = m.columns): Float64Array {
	const out = new Float64Array(m.rows * cols);
	for (let i = 0; i < m.rows; i++) {
		const row = m.getRow(i);
		for (let j = 0; j < cols; j++) out[i * cols + j] = row[j];
	}
	return out;
}

/** The first `cols` columns of a matrix, row-major. */
const leadingColumns = (m: Matrix, cols: number) => rowMajor(m, cols);

/**
 * a · b[:, :cols], row-major. A plain product over typed arrays: the sweep does hundreds of these
 * and ml-matrix's `mmul` goes through an accessor call per element.
 */
function productColumns(a: Matrix, b: Matrix, cols: number): Float64Array {
	const rows = a.rows;
	const inner = a.columns;
	const left = rowMajor(a);
	const right = rowMajor(b, cols);
	const out = new Float64Array(rows * cols);
	for (let i = 0; i < rows; i++) {
		const o = i * cols;
		for (let k = 0; k < inner; k++) {
			const aik = left[i * inner + k];
			if (aik === 0) continue;
			const rk = k * cols;
			for (let j = 0; j < cols; j++) out[o + j] += aik * right[rk + j];
		}
	}
	return out;
}

/** A tall or square problem (p ≤ n): one SVD of Φ itself gives U, s and V. */
export function fitTall(train: Matrix, test: Matrix): SpectralFit {
	const n = train.rows;
	const p = train.columns;
	if (p > n) throw new Error(`fitTall: Φ is ${n} × ${p}, wider than tall; use fitFromFactor`);
	const svd = new SingularValueDecomposition(train, { autoTranspose: false });
	return fitFromSvd(n, p, test, svd.diagonal, svd.leftSingularVectors, svd.rightSingularVectors);
}

/**
 * A wide problem (p > n) decomposed directly: the SVD of Φᵀ (p × n, tall) gives Φ's V, s and U,
 * and Φ_test V is a plain product. Costs O(p n²) per model but never divides by s, so it keeps
 * float64's accuracy where Φ is nearly singular (just past p = n); `fitFromFactor`'s
 * Φ_test V = (Φ_test Φᵀ) U S⁻¹ squares the condition number there.
 */
export function fitWide(train: Matrix, test: Matrix): SpectralFit {
	const n = train.rows;
	const p = train.columns;
	if (p < n) throw new Error(`fitWide: Φ is ${n} × ${p}, taller than wide; use fitTall`);
	const svd = new SingularValueDecomposition(train.transpose(), { autoTranspose: false });
	return fitFromSvd(n, p, test, svd.diagonal, svd.rightSingularVectors, svd.leftSingularVectors);
}

/** The fit from Φ's singular values and its left (U) and right (V) singular vectors, cut to Φ's numerical rank. */
function fitFromSvd(n: number, p: number, test: Matrix, singular: number[], left: Matrix, right: Matrix): SpectralFit {
	const r = numericalRank(singular, n, p);
	const testBasis = productColumns(test, right, r);
	return {
		n,
		p,
		g: test.rows,
		s: Float64Array.from(singular.slice(0, r)),
		u: leadingColumns(left, r),
		testBasis,
		gram: gramOf(testBasis, test.rows, r)
	};
}

/** Bᵀ B for a g × r row-major B (symmetric: the upper triangle, mirrored). */
function gramOf(b: Float64Array, g: number, r: number): Float64Array {
	const out = new Float64Array(r * r);
	for (let t = 0; t < g; t++) {
		const row = t * r;
		for (let i = 0; i < r; i++) {
			const bi = b[row + i];
			if (bi === 0) continue;
			const o = i * r;
			for (let j = i; j < r; j++) out[o + j] += bi * b[row + j];
		}
	}
	for (let i = 0; i < r; i++) for (let j = 0; j < i; j++) out[i * r + j] = out[j * r + i];
	return out;
}

/**
 * A wide problem (p ≥ n) from an n × n factor F with F Fᵀ = Φ Φᵀ (F = Rᵀ) and the cross products
 * Φ_test Φᵀ (g × n): F's SVD gives Φ's s and U, and Φ_test V = (Φ_test Φᵀ) U S⁻¹.
 */
export function fitFromFactor(factor: Matrix, cross: Matrix, p: number): SpectralFit {
	const n = factor.rows;
	// Only U: the right singular vectors of the factor are never needed.
	const svd = new SingularValueDecomposition(factor, { computeRightSingularVectors: false });
	const r = numericalRank(svd.diagonal, n, p);
	const s = Float64Array.from(svd.diagonal.slice(0, r));
	const u = leadingColumns(svd.leftSingularVectors, r);
	const testBasis = productColumns(cross, svd.leftSingularVectors, r);
	const g = cross.rows;
	for (let i = 0; i < g; i++) for (let k = 0; k < r; k++) testBasis[i * r + k] /= s[k];
	return { n, p, g, s, u, testBasis, gram: gramOf(testBasis, g, r) };
}

/**
 * The triangular factor R of a matrix that grows by rows: Rᵀ R = Aᵀ A over every row appended so
 * far, updated by a QR of [R; new rows] (one decomposition of (d + k) × d instead of the whole A).
 * With A = Φᵀ (rows = features) it serves a model gaining features; with A = Φ (rows = points),
 * a model gaining training points. Rows are stored raw; the caller scales.
 */
export class TriangularFactor {
	#r: Matrix | null = null;
	#pending: Float64Array[] = [];

	/** `dim`: the length of every row (the number of columns of A). */
	constructor(readonly dim: number) {}

	append(rows: Float64Array[]): void {
		this.#pending.push(...rows);
	}

	/** R (dim × dim, upper triangular) over everything appended; needs at least dim rows in total. */
	factor(): Matrix {
		if (this.#pending.length > 0) {
			const rows = this.#r ? [...rowsOf(this.#r), ...this.#pending] : this.#pending;
			if (rows.length < this.dim) throw new Error(`TriangularFactor: ${rows.length} rows, need at least ${this.dim}`);
			this.#r = new QrDecomposition(new Matrix(rows)).upperTriangularMatrix;
			this.#pending = [];
		}
		if (!this.#r) throw new Error('TriangularFactor: no rows yet');
		return this.#r;
	}
}

function rowsOf(m: Matrix): Float64Array[] {
	return Array.from({ length: m.rows }, (_, i) => Float64Array.from(m.getRow(i)));
}

/** Ridge (λ > 0) or min-norm (λ = 0) least squares for labels y, from a fit's pieces. */
export function solve(fit: SpectralFit, y: ArrayLike<number>, lambda: number): Solution {
	const { n, g, s, u, testBasis } = fit;
	const r = s.length;
	const coef = new Float64Array(r);
	let normSq = 0;
	for (let k = 0; k < r; k++) {
		let uty = 0;
		for (let i = 0; i < n; i++) uty += u[i * r + k] * y[i];
		coef[k] = (s[k] / (s[k] * s[k] + lambda)) * uty;
		normSq += coef[k] * coef[k];
	}
	const trainPred = new Float64Array(n);
	let sse = 0;
	for (let i = 0; i < n; i++) {
		let v = 0;
		for (let k = 0; k < r; k++) v += u[i * r + k] * s[k] * coef[k];
		trainPred[i] = v;
		sse += (y[i] - v) ** 2;
	}
	const testPred = new Float64Array(g);
	for (let i = 0; i < g; i++) {
		let v = 0;
		for (let k = 0; k < r; k++) v += testBasis[i * r + k] * coef[k];
		testPred[i] = v;
	}
	return { coef, trainPred, testPred, thetaNorm: Math.sqrt(normSq), trainMse: sse / n };
}

/**
 * The label-noise variance of the fit on the test grid, per unit of noise variance:
 * (1/g) Σ_t Var(f̂(x_t)) / σ² = ‖H‖²_F / g for the linear smoother H = (Φ_test V) D Uᵀ,
 * D = diag(s / (s² + λ)); U has orthonormal columns, so ‖H‖²_F = Σ_k d_k² ‖(Φ_test V)_k‖².
 */
export function noiseGain(fit: SpectralFit, lambda: number): number {
	const { g, s, gram } = fit;
	const r = s.length;
	let total = 0;
	// ‖(Φ_test V)_k‖² is the Gram matrix's diagonal.
	for (let k = 0; k < r; k++) {
		const d = s[k] / (s[k] * s[k] + lambda);
		total += d * d * gram[k * r + k];
	}
	return total / g;
}

/** The smallest nonzero singular value, NaN when Φ is zero. */
export function sigmaMin(fit: SpectralFit): number {
	return fit.s.length ? fit.s[fit.s.length - 1] : Number.NaN;
}

/**
 * A tall problem (n ≥ p) from the p × p factor R of Φ = Q R (Rᵀ R = Φᵀ Φ): R's SVD gives Φ's s
 * and V, then U = Φ V S⁻¹ and Φ_test V directly. Used when training points are appended to a
 * fixed model (the sample-wise sweep), where R is updated instead of recomputed.
 */
export function fitFromRowFactor(factor: Matrix, train: Matrix, test: Matrix): SpectralFit {
	const n = train.rows;
	const p = train.columns;
	const svd = new SingularValueDecomposition(factor, { computeLeftSingularVectors: false });
	const r = numericalRank(svd.diagonal, n, p);
	const s = Float64Array.from(svd.diagonal.slice(0, r));
	const v = svd.rightSingularVectors;
	const u = productColumns(train, v, r);
	for (let i = 0; i < n; i++) for (let k = 0; k < r; k++) u[i * r + k] /= s[k];
	const testBasis = productColumns(test, v, r);
	return { n, p, g: test.rows, s, u, testBasis, gram: gramOf(testBasis, test.rows, r) };
}
