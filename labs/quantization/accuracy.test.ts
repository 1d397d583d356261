/**
 * Figure 2's facts, measured: the shipped transformers run on onnxruntime-web (WASM, in Node)
 * with their linear weights rounded to b bits. Every number here comes from running the model.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Task } from '$labs/attention-heatmaps/tasks';
import { accuracyByBits, type AccuracyByBits } from './accuracy';
import { BITS } from './summary';
import { readWeights } from './weights';

vi.mock('$lib/onnx/runtime', () => import('../../tests/support/nodeRuntime'));

const TASKS: Task[] = ['copy', 'reverse', 'sort'];
const measured = new Map<Task, { float: number; tensor: number[]; channel: number[] }>();
const asShares = (r: AccuracyByBits) => ({ float: r.float / r.tokens, tensor: r.tensor.map((c) => c / r.tokens), channel: r.channel.map((c) => c / r.tokens) });
const at = (b: number) => BITS.indexOf(b as (typeof BITS)[number]);

beforeAll(async () => {
	for (const task of TASKS) {
		const weights = readWeights(new Uint8Array(readFileSync(new URL(`../../static/models/attention-${task}.onnx`, import.meta.url))));
		measured.set(task, asShares(await accuracyByBits(task, weights, 'sym', 'wasm')));
	}
	console.log(JSON.stringify(Object.fromEntries(measured), null, 0));
}, 120_000);

describe('accuracy vs bits (symmetric weights, measured)', () => {
	it('INT8 = float: within 0.5 points, per tensor and per channel', () => {
		for (const [task, r] of measured) {
			expect(Math.abs(r.tensor[at(8)] - r.float), task).toBeLessThanOrEqual(0.005);
			expect(Math.abs(r.channel[at(8)] - r.float), task).toBeLessThanOrEqual(0.005);
		}
	});
	it('per channel ≥ per tensor for b ≤ 4', () => {
		for (const [task, r] of measured) for (const b of [2, 3, 4]) expect(r.channel[at(b)], `${task} b = ${b}`).toBeGreaterThanOrEqual(r.tensor[at(b)]);
	});
	it('INT2 < 45% per tensor; per channel INT2 stays under 55% (sort is the highest)', () => {
		for (const [task, r] of measured) {
			expect(r.tensor[at(2)], task).toBeLessThan(0.45);
			expect(r.channel[at(2)], task).toBeLessThan(0.55);
		}
	});
	it('INT4 per tensor loses at most 2 points, per channel at most 0.5', () => {
		for (const [task, r] of measured) {
			expect(r.float - r.tensor[at(4)], task).toBeLessThanOrEqual(0.02);
			expect(r.float - r.channel[at(4)], task).toBeLessThanOrEqual(0.005);
		}
	});
});
