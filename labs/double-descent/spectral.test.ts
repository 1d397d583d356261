/**
 * The double-descent lab's least squares: every route through the SVD (tall, wide through the
 * triangular factor, tall through the row factor) against ml-matrix's pseudo-inverse and the
 * ridge normal equations computed independently, plus the noise gain and the rank cut.
 */
import { describe, expect, it } from 'vitest';
import { Matrix, pseudoInverse, SingularValueDecomposition, solve as linearSolve } from 'ml-matrix';
import { createRng } from '$lib/random';
import {
	fitFromFactor,
	fitFromRowFactor,
	fitTall,
	noiseGain,
	numericalRank,
	solve,
	TriangularFactor,
	type SpectralFit
} from './spectral';

function randomMatrix(rows: number, cols: number, seed: number): Matrix {
	const rng = createRng(seed);
	return new Matrix(Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.normal())));
}

const randomVector = (n: number, seed: number) => createRng(seed).fillNormal(new Float64Array(n));

/** The wide route, as the sweep takes it: R of QR(Φᵀ), then the cross products Φ_test Φᵀ. */
function wideFit(train: Matrix, test: Matrix): SpectralFit {
	const factor = new TriangularFactor(train.rows);
	factor.append(Array.from({ length: train.columns }, (_, j) => Float64Array.from(train.getColumn(j))));
	return fitFromFactor(factor.factor().transpose(), test.mmul(train.transpose()), train.columns);
}

function tallRowFit(train: Matrix, test: Matrix): SpectralFit {
	const factor = new TriangularFactor(train.columns);
	factor.append(Array.from({ length: train.rows }, (_, i) => Float64Array.from(train.getRow(i))));
	return fitFromRowFactor(factor.factor(), train, test);
}

/** θ for ridge (λ > 0) or min-norm (λ = 0), computed without the lab's code. */
function referenceTheta(train: Matrix, y: Float64Array, lambda: number): Matrix {
	const yCol = Matrix.columnVector(Array.from(y));
	if (lambda === 0) return pseudoInverse(train).mmul(yCol);
	const gram = train.transpose().mmul(train).add(Matrix.eye(train.columns).mul(lambda));
	return linearSolve(gram, train.transpose().mmul(yCol));
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
	let d = 0;
	for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
	return d;
};

const cases = [
	{ name: 'tall (n = 12, p = 5)', n: 12, p: 5 },
	{ name: 'square (n = p = 8)', n: 8, p: 8 },
	{ name: 'wide (n = 6, p = 15)', n: 6, p: 15 }
];

describe.each(cases)('least squares, $name', ({ n, p }) => {
	const train = randomMatrix(n, p, 11 + n + p);
	const test = randomMatrix(7, p, 23 + n + p);
	const y = randomVector(n, 5 + p);
	const routes: [string, () => SpectralFit][] = [];
	if (p <= n) routes.push(['direct SVD', () => fitTall(train, test)], ['row factor', () => tallRowFit(train, test)]);
	if (p >= n) routes.push(['triangular factor of Φᵀ', () => wideFit(train, test)]);

	for (const [route, make] of routes) {
		for (const lambda of [0, 1e-3, 0.5]) {
			it(`${route}, λ = ${lambda}: predictions, norm and train error match the reference`, () => {
				const fit = make();
				const theta = referenceTheta(train, y, lambda);
				const sol = solve(fit, y, lambda);
				expect(maxAbsDiff(sol.testPred, test.mmul(theta).getColumn(0))).toBeLessThan(1e-8);
				expect(maxAbsDiff(sol.trainPred, train.mmul(theta).getColumn(0))).toBeLessThan(1e-8);
				expect(sol.thetaNorm).toBeCloseTo(theta.norm('frobenius'), 8);
				const residual = train.mmul(theta).sub(Matrix.columnVector(Array.from(y)));
				expect(sol.trainMse).toBeCloseTo(residual.norm('frobenius') ** 2 / n, 10);
				if (lambda === 0 && p >= n) expect(sol.trainMse).toBeLessThan(1e-20);
			});
		}
	}

	it("every route gives Φ's singular values", () => {
		const reference = new SingularValueDecomposition(train, { autoTranspose: true }).diagonal;
		for (const [, make] of routes) expect(maxAbsDiff(make().s, reference)).toBeLessThan(1e-9);
	});
});

function fitTallOrWide(train: Matrix, test: Matrix): SpectralFit {
	return train.columns <= train.rows ? fitTall(train, test) : wideFit(train, test);
}

describe('noise gain', () => {
	it('equals ‖H‖²_F / g for the smoother H built column by column', () => {
		for (const [n, p] of [
			[10, 4],
			[6, 14]
		]) {
			const train = randomMatrix(n, p, 3 * n + p);
			const test = randomMatrix(9, p, 7 * n + p);
			const fit = fitTallOrWide(train, test);
			for (const lambda of [0, 0.1]) {
				let frob = 0;
				for (let i = 0; i < n; i++) {
					const unit = new Float64Array(n);
					unit[i] = 1;
					for (const v of solve(fit, unit, lambda).testPred) frob += v * v;
				}
				expect(noiseGain(fit, lambda)).toBeCloseTo(frob / test.rows, 10);
			}
		}
	});
});

describe('rank', () => {
	it('drops singular values at rounding level, as the pseudo-inverse must', () => {
		expect(numericalRank([3, 1, 1e-3], 3, 3)).toBe(3);
		expect(numericalRank([3, 1, 1e-17], 3, 3)).toBe(2);
		expect(numericalRank([0, 0], 2, 2)).toBe(0);
	});

	it('a matrix with two equal columns has one direction fewer and still fits min-norm', () => {
		const base = randomMatrix(6, 3, 42);
		const train = new Matrix(base.to2DArray().map((row) => [...row, row[0]]));
		const test = randomMatrix(4, 4, 43);
		const fit = fitTall(train, test);
		expect(fit.s.length).toBe(3);
		const y = randomVector(6, 44);
		const theta = referenceTheta(train, y, 0);
		expect(maxAbsDiff(solve(fit, y, 0).testPred, test.mmul(theta).getColumn(0))).toBeLessThan(1e-8);
	});
});

describe('TriangularFactor', () => {
	it('updated block by block, Rᵀ R equals Aᵀ A of all rows appended', () => {
		const a = randomMatrix(20, 5, 8);
		const factor = new TriangularFactor(5);
		const rows = Array.from({ length: 20 }, (_, i) => Float64Array.from(a.getRow(i)));
		factor.append(rows.slice(0, 7));
		factor.factor();
		factor.append(rows.slice(7, 12));
		factor.factor();
		factor.append(rows.slice(12));
		const r = factor.factor();
		const gram = a.transpose().mmul(a);
		expect(maxAbsDiff(r.transpose().mmul(r).to1DArray(), gram.to1DArray())).toBeLessThan(1e-10);
	});

	it('refuses to factor fewer rows than columns', () => {
		const factor = new TriangularFactor(4);
		factor.append([new Float64Array(4)]);
		expect(() => factor.factor()).toThrow(/at least 4/);
	});
});
