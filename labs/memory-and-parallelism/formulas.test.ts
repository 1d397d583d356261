/**
 * The spec's facts, each recomputed here from the papers' own numbers and checked against the
 * lab's formulas. Expectations are the published figures, never values the module produced.
 */
import { describe, expect, it } from 'vitest';
import {
	activationMemory,
	bestInterval,
	flopsPerToken,
	gatheredUnitBytes,
	layerActivationBytes,
	layerActivationTensors,
	modelFlopsUtilization,
	optimalInterval,
	parameterCount,
	shardedStateBytes,
	stateBytesPerParam,
	totalStateBytes,
	trafficBytes,
	type ActivationSetup,
	type ZeroStage
} from './formulas';

const GB = 1e9;
const sum = (b: object) => (Object.values(b) as number[]).reduce((x, y) => x + y, 0);
const GPT3 = { L: 96, h: 12288, a: 96, V: 50257, s: 2048 };

describe('model states', () => {
	it('GPT-2 1.5B holds 24 GB of states with Adam, in fp32 and in mixed precision', () => {
		for (const prec of ['fp32', 'mixed'] as const) expect((totalStateBytes(stateBytesPerParam(prec)) * 1.5e9) / GB).toBeCloseTo(24, 9);
		// GPT-2 XL's shape (48 layers, width 1600) gives about 1.5B parameters.
		expect(parameterCount({ L: 48, h: 1600, a: 25, V: 50257, s: 1024 }) / 1.5e9).toBeGreaterThan(0.97);
		expect(parameterCount({ L: 48, h: 1600, a: 25, V: 50257, s: 1024 }) / 1.5e9).toBeLessThan(1.07);
	});

	it('mixed precision keeps 2 + 2 + 12 bytes, fp32 4 + 4 + 8', () => {
		const m = stateBytesPerParam('mixed');
		const f = stateBytesPerParam('fp32');
		expect([m.params, m.grads, m.adam + m.master]).toEqual([2, 2, 12]);
		expect([f.params, f.grads, f.adam + f.master]).toEqual([4, 4, 8]);
	});

	it('Ψ = 7.5B on 64 GPUs: 120, 31.4, 16.6 and 1.9 GB for DP and ZeRO-1/2/3 (Rajbhandari et al., Fig. 1)', () => {
		const published = [120, 31.4, 16.6, 1.9];
		for (const zero of [0, 1, 2, 3] as ZeroStage[]) {
			const gb = sum(shardedStateBytes(7.5e9, 'mixed', zero, 64)) / GB;
			expect(Math.abs(gb - published[zero]), `ZeRO-${zero}: ${gb}`).toBeLessThan(0.05);
		}
	});

	it('ZeRO sends 2Ψ, 2Ψ, 2Ψ and 3Ψ per GPU per step (ring collectives, (N−1)/N each)', () => {
		const psi = 7.5e9;
		const n = 64;
		const perPsi = (zero: ZeroStage) => trafficBytes(psi, 'mixed', zero, n) / (2 * psi * ((n - 1) / n));
		expect([0, 1, 2, 3].map((z) => perPsi(z as ZeroStage))).toEqual([2, 2, 2, 3]);
		expect(trafficBytes(psi, 'mixed', 3, 1)).toBe(0);
	});
});

describe('FSDP gathered units', () => {
	it('two 16-bit layers of h = 4096 in flight: 2 × 12·4096² (+ biases) × 2 bytes ≈ 0.81 GB; fp32 doubles it, t = 8 divides it', () => {
		const layer = 12 * 4096 ** 2 + 13 * 4096;
		expect(gatheredUnitBytes(4096, 'mixed')).toBe(2 * layer * 2);
		expect(gatheredUnitBytes(4096, 'fp32')).toBe(2 * layer * 4);
		expect(gatheredUnitBytes(4096, 'mixed', 8)).toBeCloseTo((2 * layer * 2) / 8, 6);
		expect(gatheredUnitBytes(4096, 'mixed') / 1e9).toBeCloseTo(0.8055, 3);
	});
});

describe('activations (Korthikanti et al. 2022)', () => {
	const setup = (over: Partial<ActivationSetup> = {}): ActivationSetup => ({ ...GPT3, b: 1, prec: 'mixed', t: 1, sp: false, ...over });

	it('one 16-bit layer stores sbh(34 + 5as/h) bytes, fp32 sbh(66 + 9as/h)', () => {
		const x = setup({ s: 1024, h: 1024, a: 16, b: 2 });
		const sbh = 1024 * 2 * 1024;
		expect(layerActivationBytes(x)).toBeCloseTo(sbh * (34 + (5 * 16 * 1024) / 1024), 0);
		expect(layerActivationBytes({ ...x, prec: 'fp32' })).toBeCloseTo(sbh * (66 + (9 * 16 * 1024) / 1024), 0);
	});

	it('the term-by-term tensors add up to 34 sbh and 5 as²b', () => {
		const tensors = layerActivationTensors('mixed');
		expect(tensors.filter((t) => t.scales === 'sbh').reduce((s, t) => s + t.bytes, 0)).toBe(34);
		expect(tensors.filter((t) => t.scales === 'as2b').reduce((s, t) => s + t.bytes, 0)).toBe(5);
		expect(tensors.filter((t) => !t.split && t.scales === 'sbh').reduce((s, t) => s + t.bytes, 0)).toBe(10);
	});

	it('GPT-3 175B at s 2048, t 8: TP only → TP + SP + selective cuts activations 5.4×', () => {
		const s = 2048, h = 12288, a = 96, t = 8;
		// Written out from the paper: sbh(10 + 24/t + 5as/(ht)) vs 34·sbh/t.
		const want = (10 + 24 / t + (5 * a * s) / (h * t)) / (34 / t);
		const tpOnly = activationMemory(setup({ t }), 'none', 1).stored;
		const cut = activationMemory(setup({ t, sp: true }), 'selective', 1).stored;
		expect(tpOnly / cut).toBeCloseTo(want, 9);
		expect(Math.round((tpOnly / cut) * 10) / 10).toBe(5.4);
	});

	it('full recompute keeps 2sbh per layer plus one layer at work', () => {
		const x = setup({ s: 4096, h: 4096, a: 32, L: 32 });
		const m = activationMemory(x, 'full', 1);
		expect(m.stored).toBe(32 * 2 * 4096 * 4096);
		expect(m.workingSet).toBeCloseTo(4096 * 4096 * (34 + 5 * 32), 0);
	});
});

describe('checkpointing every k layers (Chen et al. 2016)', () => {
	/** M(k) minimised by scanning k finely: no closed form involved. */
	const argminK = (L: number, c: number, w: number) => {
		let best = 1, bestM = Infinity;
		for (let k = 0.01; k <= L; k += 0.001) {
			const m = (L / k) * c + k * w;
			if (m < bestM) [best, bestM] = [k, m];
		}
		return best;
	};

	it('k* = √L when a checkpoint costs what a layer does', () => {
		for (const L of [16, 49, 100]) {
			expect(bestInterval(L, 3, 3)).toBeCloseTo(Math.sqrt(L), 12);
			expect(argminK(L, 3, 3)).toBeCloseTo(bestInterval(L, 3, 3), 2);
		}
	});

	it('GPT-3 layers: k* ≈ 1.3, and the closed form matches the scanned minimum', () => {
		const x: ActivationSetup = { ...GPT3, b: 1, prec: 'mixed', t: 1, sp: false };
		const sbh = x.s * x.b * x.h;
		const scanned = argminK(x.L, 2 * sbh, sbh * (34 + (5 * x.a * x.s) / x.h));
		expect(optimalInterval(x)).toBeCloseTo(scanned, 2);
		expect(Math.round(optimalInterval(x) * 10) / 10).toBe(1.3);
	});
});

describe('FLOPs', () => {
	it('6ΨD gives GPT-3’s 3.14e23 FLOPs within 1% (Brown et al. 2020: 300B tokens)', () => {
		const psi = parameterCount(GPT3);
		expect(psi / 175e9).toBeGreaterThan(0.99);
		expect(psi / 175e9).toBeLessThan(1.01);
		expect(Math.abs((6 * psi * 300e9) / 3.14e23 - 1)).toBeLessThan(0.01);
	});

	it('full recompute costs 4/3 of the FLOPs (8Ψ instead of 6Ψ per token)', () => {
		const x = { L: 32, s: 4096, h: 4096 };
		expect(flopsPerToken(6.6e9, x, 'full') / flopsPerToken(6.6e9, x, 'none')).toBeCloseTo(4 / 3, 12);
		expect(flopsPerToken(6.6e9, { L: 1, s: 0, h: 1 }, 'full')).toBeCloseTo(8 * 6.6e9, 0);
	});

	it('PaLM: 238.3k tokens/s on 6144 TPU v4 at 275 TFLOP/s is 46.2% ± 0.5 MFU (Chowdhery et al. 2022)', () => {
		// PaLM 540B: 540.35B parameters, 118 layers, width 18432, sequence 2048.
		const perToken = 6 * 540.35e9 + 12 * 118 * 2048 * 18432;
		expect(flopsPerToken(540.35e9, { L: 118, s: 2048, h: 18432 })).toBeCloseTo(perToken, 0);
		const mfu = modelFlopsUtilization(flopsPerToken(540.35e9, { L: 118, s: 2048, h: 18432 }), 238.3e3, 6144, 275e12);
		expect(Math.abs(mfu * 100 - 46.2)).toBeLessThanOrEqual(0.5);
	});
});
