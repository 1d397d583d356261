/**
 * Float64 references: PyTorch's update rules written out one by one (torch.optim.SGD with
 * momentum and nesterov, RMSprop, Adam, AdamW), run on the float64 surfaces. The model test
 * holds the ONNX graph to these; the fact tests use them as the independent computation.
 */
import { EPS, type Hyper, type OptimizerId } from './optimizersList';
import { surfaceValue, type SurfaceId, type SurfaceParams } from './surfaces';

export interface Trajectory {
	/** θ₀ … θ_T as [x, y]. */
	path: [number, number][];
	/** f(θ₀) … f(θ_T). */
	losses: number[];
}

/** Runs one optimizer for `steps` steps; `noise(t)` is the gradient noise added at step t (1-based). */
export function referenceRun(
	surface: SurfaceId,
	params: SurfaceParams,
	kind: OptimizerId,
	h: Hyper,
	start: readonly [number, number],
	steps: number,
	noise: (t: number) => [number, number] = () => [0, 0]
): Trajectory {
	let th = [start[0], start[1]];
	const buf = [0, 0];
	const m = [0, 0];
	const v = [0, 0];
	const path: [number, number][] = [[th[0], th[1]]];
	const losses = [surfaceValue(surface, params, th[0], th[1]).f];
	for (let t = 1; t <= steps; t++) {
		const { grad } = surfaceValue(surface, params, th[0], th[1]);
		const xi = noise(t);
		const g = [grad[0] + xi[0], grad[1] + xi[1]];
		const next = [0, 0];
		for (let i = 0; i < 2; i++) {
			switch (kind) {
				case 'sgd':
					next[i] = th[i] - h.lr * g[i];
					break;
				case 'momentum':
				case 'nesterov': {
					buf[i] = t === 1 ? g[i] : h.beta * buf[i] + g[i];
					const d = kind === 'nesterov' ? g[i] + h.beta * buf[i] : buf[i];
					next[i] = th[i] - h.lr * d;
					break;
				}
				case 'rmsprop':
					v[i] = h.beta2 * v[i] + (1 - h.beta2) * g[i] * g[i];
					next[i] = th[i] - (h.alr * g[i]) / (Math.sqrt(v[i]) + EPS);
					break;
				case 'adam':
				case 'adamw': {
					const base = kind === 'adamw' ? th[i] * (1 - h.alr * h.wd) : th[i];
					m[i] = h.beta * m[i] + (1 - h.beta) * g[i];
					v[i] = h.beta2 * v[i] + (1 - h.beta2) * g[i] * g[i];
					const mHat = m[i] / (1 - h.beta ** t);
					const vHat = v[i] / (1 - h.beta2 ** t);
					next[i] = base - (h.alr * mHat) / (Math.sqrt(vHat) + EPS);
					break;
				}
			}
		}
		th = next;
		path.push([th[0], th[1]]);
		losses.push(surfaceValue(surface, params, th[0], th[1]).f);
	}
	return { path, losses };
}
