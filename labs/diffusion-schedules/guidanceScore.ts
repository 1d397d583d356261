/**
 * What guidance does to class-conditional samples, in two numbers: the share of samples that
 * the Bayes classifier of the labelled mixture (equal isotropic classes: the nearest centre)
 * assigns to the class they were asked for, and their diversity, the root mean squared distance
 * of a class's samples to their own mean, averaged over the classes (it falls as w grows).
 */
import { classCentres, MIXTURE_CLASSES } from './data';

/** Samples the guidance figure draws per panel (a hundred per class). */
export const GUIDED_COUNT = 400;

export function guidanceScore(x: Float32Array, labels: Int32Array): { accuracy: number; spread: number } {
	const centres = classCentres();
	const n = labels.length;
	let hits = 0;
	const sum = new Float64Array(MIXTURE_CLASSES * 2);
	const sq = new Float64Array(MIXTURE_CLASSES);
	const cnt = new Float64Array(MIXTURE_CLASSES);
	for (let i = 0; i < n; i++) {
		let best = 0;
		let bestD = Infinity;
		centres.forEach((c, k) => {
			const d = (x[2 * i] - c.x) ** 2 + (x[2 * i + 1] - c.y) ** 2;
			if (d < bestD) ((bestD = d), (best = k));
		});
		if (best === labels[i]) hits++;
		const c = labels[i];
		sum[2 * c] += x[2 * i];
		sum[2 * c + 1] += x[2 * i + 1];
		sq[c] += x[2 * i] ** 2 + x[2 * i + 1] ** 2;
		cnt[c]++;
	}
	let spread = 0;
	let classes = 0;
	for (let c = 0; c < MIXTURE_CLASSES; c++) {
		if (cnt[c] === 0) continue;
		const mx = sum[2 * c] / cnt[c];
		const my = sum[2 * c + 1] / cnt[c];
		spread += Math.sqrt(Math.max(0, sq[c] / cnt[c] - mx * mx - my * my));
		classes++;
	}
	return { accuracy: hits / n, spread: classes ? spread / classes : NaN };
}
