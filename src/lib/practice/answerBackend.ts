/**
 * Which backend computes the practice page's answers: the reader's `?backend=` if it can run,
 * else WebGPU where there is an adapter, else WebAssembly (the runtime's own choice). A solve that
 * fails on WebGPU is tried once more on WebAssembly: the answer matters more than the device.
 */
import { requestedBackend, type Backend } from '$lib/onnx/backend';
import { turnQueue } from '$lib/onnx/turns';
import type { Checkpoint, Solution } from './types';
import type { LabState } from './ask';

let chosen: Promise<Backend> | null = null;

export function answerBackend(params: URLSearchParams): Promise<Backend> {
	chosen ??= import('$lib/onnx/runtime').then(({ chooseBackend }) => chooseBackend(requestedBackend(params))).then((c) => c.backend);
	return chosen;
}

/** Solves take turns. Not the runtime's own queue (takeTurn): a solve builds sessions, which queue there. */
const solveTurn = turnQueue();

/**
 * Computes a card's answer, one solve at a time. A mock interview moves on before its answers
 * are graded, so several cards' solves can be pending at once; run together (some train
 * networks) they would compete for the one runtime worker and the two cores, each slowing the
 * others, where in turn the first answers are graded first.
 */
export function solveOn(checkpoint: Checkpoint, state: LabState, backend: Backend): Promise<{ solution: Solution; backend: Backend }> {
	return solveTurn(() => solveNow(checkpoint, state, backend));
}

async function solveNow(checkpoint: Checkpoint, state: LabState, backend: Backend): Promise<{ solution: Solution; backend: Backend }> {
	try {
		return { solution: await checkpoint.solve(state, backend), backend };
	} catch (error) {
		if (backend !== 'webgpu') throw error;
		chosen = Promise.resolve('wasm');
		return { solution: await checkpoint.solve(state, 'wasm'), backend: 'wasm' };
	}
}
