/**
 * The curves' numbers at any λ and noise level in O(r²) per model, without touching the g test
 * points or the n training points again. What a λ or noise move recomputes for every model of the
 * sweep, and what the ridge search evaluates at 20 strengths.
 *
 * With a = Uᵀy for labels y = f + σε, the fit's coefficients are c = D a, D = diag(s / (s² + λ))
 * (spectral.ts). Then, with T = Φ_test V (g × r) and its Gram matrix G = TᵀT:
 *   test error   ‖T c − f_test‖² / g = (cᵀGc − 2 cᵀ(Tᵀf_test) + ‖f_test‖²) / g,
 *   train error  ‖y − U S c‖² / n = (‖P⊥y‖² + Σ_k (λ / (s_k² + λ))² a_k²) / n,
 *                with P⊥y = y − U Uᵀ y the part of the labels no model of this size can reach,
 *   ‖θ̂‖²        = ‖c‖²,
 *   variance     σ² Σ_k d_k² G_kk / g (spectral.ts, `noiseGain`).
 * Every one is a quadratic in σ, since y is linear in σ: three numbers each (`ErrorQuadratic`).
 * The λ-independent pieces (a for f and for ε, Tᵀf_test, the P⊥ products) are `LabelForms`,
 * computed once per model and target.
 *
 * P⊥y is computed entry by entry, not as ‖y‖² − ‖a‖²: an interpolating fit's residual must come
 * out as rounding noise (~1e-30), which `trainResidual`'s "that is zero" rule relies on.
 */
import type { ErrorQuadratic, FitSummary } from './curves';
import { quadraticAt, trainResidual } from './curves';
import { noiseGain, sigmaMin, type SpectralFit } from './spectral';

/** One model's fit of one target's labels, reduced to what every λ and noise level needs. */
export interface LabelForms {
	fit: SpectralFit;
	/** Uᵀf and Uᵀε (length r). */
	clean: Float64Array;
	unit: Float64Array;
	/** Tᵀ f_test (length r) and ‖f_test‖² / g. */
	truthCross: Float64Array;
	truthMeanSquare: number;
	/** ‖P⊥(f + σε)‖² / n as a quadratic in σ. */
	unreachable: ErrorQuadratic;
	/** Mean square of the labels f + σε, as a quadratic in σ. */
	labels: ErrorQuadratic;
}

/** The quadratics of one model at one λ. */
export interface FormsAt {
	/** Test error against the true function, train error on the labels, and ‖θ̂‖², against σ. */
	test: ErrorQuadratic;
	train: ErrorQuadratic;
	normSquared: ErrorQuadratic;
	/** Test-grid variance per unit of noise variance (‖H‖²_F / g). */
	gain: number;
}

const quadratic = (x: ArrayLike<number>, e: ArrayLike<number>, scale: number): ErrorQuadratic => {
	let a = 0;
	let b = 0;
	let c = 0;
	for (let i = 0; i < x.length; i++) {
		a += x[i] * x[i];
		b += x[i] * e[i];
		c += e[i] * e[i];
	}
	return { a: a / scale, b: b / scale, c: c / scale };
};

export function labelForms(fit: SpectralFit, clean: ArrayLike<number>, unit: ArrayLike<number>, truth: ArrayLike<number>): LabelForms {
	const { n, g, u, testBasis } = fit;
	const r = fit.s.length;
	const projected = (y: ArrayLike<number>) => {
		const a = new Float64Array(r);
		for (let i = 0; i < n; i++) {
			const yi = y[i];
			const row = i * r;
			for (let k = 0; k < r; k++) a[k] += u[row + k] * yi;
		}
		return a;
	};
	const cleanA = projected(clean);
	const unitA = projected(unit);
	// The residuals outside span(U), entry by entry (see the module comment).
	const outside = (y: ArrayLike<number>, a: Float64Array) =>
		Float64Array.from({ length: n }, (_, i) => {
			let v = y[i];
			for (let k = 0; k < r; k++) v -= u[i * r + k] * a[k];
			return v;
		});
	const truthCross = new Float64Array(r);
	let truthSquares = 0;
	for (let t = 0; t < g; t++) {
		const ft = truth[t];
		truthSquares += ft * ft;
		for (let k = 0; k < r; k++) truthCross[k] += testBasis[t * r + k] * ft;
	}
	return {
		fit,
		clean: cleanA,
		unit: unitA,
		truthCross,
		truthMeanSquare: truthSquares / g,
		unreachable: quadratic(outside(clean, cleanA), outside(unit, unitA), n),
		labels: quadratic(clean, unit, n)
	};
}

/** The model's quadratics at ridge strength λ (λ = 0: the minimum-norm fit). */
export function formsAt(forms: LabelForms, lambda: number): FormsAt {
	const { fit, clean, unit, truthCross } = forms;
	const { s, gram, g, n } = fit;
	const r = s.length;
	const cf = new Float64Array(r);
	const ce = new Float64Array(r);
	const train = { a: 0, b: 0, c: 0 };
	for (let k = 0; k < r; k++) {
		const shrink = s[k] / (s[k] * s[k] + lambda);
		const kept = lambda / (s[k] * s[k] + lambda);
		cf[k] = shrink * clean[k];
		ce[k] = shrink * unit[k];
		train.a += kept * kept * clean[k] * clean[k];
		train.b += kept * kept * clean[k] * unit[k];
		train.c += kept * kept * unit[k] * unit[k];
	}
	// cᵀGc for c = cf + σ ce: three bilinear forms through G·cf and G·ce.
	let ff = 0;
	let fe = 0;
	let ee = 0;
	let fb = 0;
	let eb = 0;
	for (let i = 0; i < r; i++) {
		let gf = 0;
		let ge = 0;
		const row = i * r;
		for (let j = 0; j < r; j++) {
			gf += gram[row + j] * cf[j];
			ge += gram[row + j] * ce[j];
		}
		ff += cf[i] * gf;
		fe += ce[i] * gf;
		ee += ce[i] * ge;
		fb += cf[i] * truthCross[i];
		eb += ce[i] * truthCross[i];
	}
	const { unreachable } = forms;
	return {
		test: { a: (ff - 2 * fb) / g + forms.truthMeanSquare, b: (fe - eb) / g, c: ee / g },
		train: { a: unreachable.a + train.a / n, b: unreachable.b + train.b / n, c: unreachable.c + train.c / n },
		normSquared: quadratic(cf, ce, 1),
		gain: noiseGain(fit, lambda)
	};
}

/** Everything the curves draw of one model at noise level σ, from its quadratics at one λ. */
export function summaryAt(forms: LabelForms, at: FormsAt, noise: number): FitSummary {
	// Each is a sum of squares; rounding must not take one below zero.
	const trainMse = Math.max(0, quadraticAt(at.train, noise));
	return {
		testMse: Math.max(0, quadraticAt(at.test, noise)),
		trainMse: trainResidual(trainMse, quadraticAt(forms.labels, noise)),
		thetaNorm: Math.sqrt(Math.max(0, quadraticAt(at.normSquared, noise))),
		sigmaMin: sigmaMin(forms.fit),
		bias2: Math.max(0, at.test.a),
		variance: noise * noise * at.gain
	};
}
