/**
 * TensorFlow.js's side of the training benchmark: the same MLP, data, initial weights and Adam
 * step, written the usual TF.js way (variables, `optimizer.minimize` on a loss closure, which
 * records a tape and runs its gradients op by op). Backends: 'cpu' (plain JS), 'wasm' (its
 * .wasm files served from our origin through Vite `?url` imports, never a CDN) and 'webgpu'.
 *
 * Only the bench page imports this module, dynamically, so TF.js never reaches a lab's bundle.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BENCH, benchData, benchParams, timeSteps, type BenchBudget, type BenchResult } from './benchMlp';

export type TfjsBackend = 'cpu' | 'wasm' | 'webgpu';

setWasmPaths({
	'tfjs-backend-wasm.wasm': wasmPlain,
	'tfjs-backend-wasm-simd.wasm': wasmSimd,
	'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd
});

async function useBackend(name: TfjsBackend): Promise<boolean> {
	try {
		return (await tf.setBackend(name)) && tf.getBackend() === name;
	} catch {
		return false;
	}
}

export async function benchTfjs(backend: TfjsBackend, budget: BenchBudget): Promise<BenchResult | null> {
	if (!(await useBackend(backend))) return null;
	await tf.ready();
	const { sizes, batch } = BENCH;
	const params = benchParams();
	const data = benchData();
	const layers = sizes.length - 1;
	const vars = Array.from({ length: layers }, (_, l) => ({
		w: tf.variable(tf.tensor2d(params[`w${l}`], [sizes[l], sizes[l + 1]])),
		b: tf.variable(tf.tensor1d(params[`b${l}`]))
	}));
	const x = tf.tensor2d(data.x, [batch, sizes[0]]);
	const y = tf.tensor2d(data.y, [batch, 1]);
	const optimizer = tf.train.adam(BENCH.lr, BENCH.beta1, BENCH.beta2, BENCH.eps);
	const loss = (): tf.Scalar => {
		let h: tf.Tensor = x;
		vars.forEach(({ w, b }, l) => {
			h = tf.add(tf.matMul(h, w), b);
			if (l < layers - 1) h = tf.relu(h);
		});
		return tf.mean(tf.square(tf.sub(h, y)));
	};
	const step = async (read: boolean): Promise<number | null> => {
		const cost = optimizer.minimize(loss, read);
		if (!cost) return null;
		const value = (await cost.data())[0];
		cost.dispose();
		return value;
	};
	try {
		return await timeSteps(step, budget);
	} finally {
		optimizer.dispose();
		for (const v of vars) {
			v.w.dispose();
			v.b.dispose();
		}
		x.dispose();
		y.dispose();
	}
}
