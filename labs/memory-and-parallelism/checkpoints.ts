/**
 * The checkpoints (cards in lab.ts). Each `solve` evaluates the lab's formulas for the asked
 * state (summary.ts, formulas.ts) and writes its numbers from that evaluation.
 */
import type { Checkpoint } from '$lib/practice/types';
import { layerActivationBytes, parameterCount } from './formulas';
import type { MemoryAndParallelismState } from './lab';
import { gb, stateBytes } from './segments';
import { activationSetup, gpuBytes } from './summary';
import { simulateTimeline } from './timeline';
import { timelineInput } from './timelineInput';
import { formatBytes, percent } from './timelineSummary';
import { graphModel } from './graphModel';
import { layerTerms } from './graphMemory';

type MemoryCheckpoint = Checkpoint<MemoryAndParallelismState>;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];
const billions = (s: MemoryAndParallelismState) => `${(parameterCount(s) / 1e9).toFixed(2)}B`;

export const SAVING_OPTIONS = [0, 25, 50, 75] as const;

export const mixedSaving: MemoryCheckpoint = {
	id: 'mixed-saving',
	settings: () => ({ gpus: 1, t: 1, p: 1, zero: 0 }),
	prompt: (s) => `${billions(s)} parameters trained with Adam on one GPU: from fp32 to mixed precision, by how much do the model-state bytes (weights, gradients, optimizer) shrink?`,
	answer: () => ({ kind: 'choice', options: SAVING_OPTIONS.map((p) => ({ id: String(p), label: `${p}%` })) }),
	async solve(s) {
		const fp32 = stateBytes(gpuBytes(s, 'fp32', 0));
		const mixed = stateBytes(gpuBytes(s, 'mixed', 0));
		const saved = 100 * (1 - mixed / fp32);
		const nearest = SAVING_OPTIONS.reduce((best, p) => (Math.abs(p - saved) < Math.abs(best - saved) ? p : best));
		return {
			expected: { kind: 'choice', id: String(nearest) },
			shown: `${Math.round(saved)}%: ${gb(fp32)} in fp32, ${gb(mixed)} mixed`,
			explanation:
				`Both hold ${gb(fp32)} for ${billions(s)} parameters. Mixed precision stores 16-bit weights and gradients, ` +
				`but Adam updates an fp32 master copy, so the fp32 moments and master weights stay: 2 + 2 + 4 + 8 bytes against 4 + 4 + 8. ` +
				`What halves is the activations.`
		};
	}
};

const GPT3_LAYER = { L: 96, h: 12288, a: 96, V: 50257, b: 1, t: 1, recompute: 'none', prec: 'mixed' } as const;

export const activationFactor: MemoryCheckpoint = {
	id: 'activation-factor',
	settings: (random) => ({ ...GPT3_LAYER, s: pick([1024, 2048, 4096], random) }),
	prompt: (s) => `One GPT-3 layer (h = ${s.h}, ${s.a} heads), 16-bit, nothing recomputed: the sequence doubles from ${s.s} to ${2 * s.s}. By what factor do its stored activations grow?`,
	answer: () => ({ kind: 'number', scale: 'log', tolerance: 1.1, unit: '×', min: 1, max: 10 }),
	async solve(s) {
		const x = activationSetup(s);
		const before = layerActivationBytes(x);
		const after = layerActivationBytes({ ...x, s: 2 * s.s });
		const factor = after / before;
		const quad = (k: number) => (5 * s.a * k) / s.h;
		return {
			expected: { kind: 'number', value: factor },
			shown: `${factor.toFixed(2)}× (${gb(before)} → ${gb(after)})`,
			explanation:
				`A layer keeps sbh(34 + 5as/h) bytes: the 34 grows with s, the attention scores with s². ` +
				`At s = ${s.s} the bracket is 34 + ${quad(s.s).toFixed(0)}, at ${2 * s.s} it is 34 + ${quad(2 * s.s).toFixed(0)}, ` +
				`so doubling s multiplies the layer by ${factor.toFixed(2)}, between 2 and 4 because the s² part already dominates.`
		};
	}
};

export const zero3PerGpu: MemoryCheckpoint = {
	id: 'zero3-per-gpu',
	settings: (random) => ({ L: 36, h: 4096, a: 32, V: 32000, s: 4096, prec: 'mixed', zero: 3, t: 1, p: 1, gpus: pick([16, 32, 64, 128], random) }),
	prompt: (s) => `${billions(s)} parameters, mixed precision with Adam, ZeRO-3 (FSDP) on ${s.gpus} GPUs: how many GB of model states does each GPU hold?`,
	answer: () => ({ kind: 'number', scale: 'log', tolerance: 1.15, unit: 'GB', min: 0.1, max: 200 }),
	async solve(s) {
		const perGpu = stateBytes(gpuBytes(s, s.prec, 3));
		return {
			expected: { kind: 'number', value: perGpu / 1e9 },
			shown: gb(perGpu),
			explanation:
				`ZeRO-3 shards all 16 bytes per parameter: 16Ψ/N = 16 × ${billions(s)} / ${s.gpus} = ${gb(perGpu)}. ` +
				`Plain data parallelism would keep ${gb(stateBytes(gpuBytes(s, s.prec, 0)))} on every GPU. The price is traffic: 3Ψ sent per step, not 2Ψ.`
		};
	}
};

const SCHEDULE_NAME = { gpipe: 'GPipe', '1f1b': '1F1B' } as const;

export const bubbleShare: MemoryCheckpoint = {
	id: 'bubble-share',
	// One GPU per stage, so the only transfers are the activations handed from stage to stage.
	settings: (random) => ({ gpus: 4, t: 1, p: 4, m: 8, zero: 0, v: 1, stall: 0, sched: pick(['gpipe', '1f1b'] as const, random) }),
	prompt: (s) =>
		`${s.p} pipeline stages, ${s.m} micro-batches, ${SCHEDULE_NAME[s.sched as keyof typeof SCHEDULE_NAME]} schedule: what share of the training step do the GPUs sit idle in the pipeline bubble? Place it on the step’s axis.`,
	answer: () => ({ kind: 'marker', figure: 'fit', axis: 'x', scale: 'linear', tolerance: 4, min: 0, max: 100 }),
	async solve(s) {
		// Measured on the simulated step, transfers and all, not read off the formula.
		const tl = simulateTimeline(timelineInput(s));
		const share = 100 * tl.bubbleShare;
		const formula = (s.p - 1) / (s.m + s.p - 1);
		const send = tl.blocks.find((b) => b.kind === 'send');
		return {
			expected: { kind: 'marker', value: share },
			shown: `${percent(tl.bubbleShare)} of the simulated step`,
			explanation:
				`Filling and draining the pipeline leaves each stage idle for p − 1 micro-batch slots out of m + p − 1: ` +
				`(${s.p} − 1)/(${s.m} + ${s.p} − 1) = ${percent(formula)} were the transfers free. ` +
				(send ? `Each hand-over between stages sends ${formatBytes(send.bytes)}; with those transfers in the simulated step, the bubble is ${percent(tl.bubbleShare)} of it. ` : '') +
				`GPipe and 1F1B share that bubble (to within the hand-overs); 1F1B only holds fewer micro-batches' activations.`
		};
	}
};

export const squareTensors: MemoryCheckpoint = {
	id: 'square-tensors',
	settings: () => ({}),
	prompt: (s) => {
		const m = graphModel(s);
		return `Our autodiff builds the training graph of a small transformer (h = ${m.h}, ${m.heads} heads, no dropout). Per layer, how many tensors of size a × s × s (one s × s matrix per head and sequence) does backward read from the forward pass?`;
	},
	answer: () => ({ kind: 'number', scale: 'linear', tolerance: 0.5, min: 0, max: 6 }),
	async solve(s) {
		// Read off the graph: the per-layer saved elements split into α·s + β·s².
		const m = graphModel(s);
		const { s2Tensors, sbh } = layerTerms({ h: m.h, heads: m.heads, batch: m.batch }, 8);
		const count = Math.round(s2Tensors);
		return {
			expected: { kind: 'number', value: count },
			shown: `${count} per layer, read off the graph`,
			explanation:
				`Only the softmax output: backward of softmax needs its output, and backward of the product with V needs the same tensor, so one a×s×s tensor serves both. ` +
				`Megatron-style training with attention dropout keeps three (the softmax output, the dropout mask and the dropped scores). ` +
				`The rest of the layer grows with s: ${sbh.toFixed(1)}·sbh elements here.`
		};
	}
};

export default [mixedSaving, activationFactor, zero3PerGpu, bubbleShare, squareTensors];
