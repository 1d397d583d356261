/**
 * The cached draws give every state the weights a fresh draw would: a net grown layer by layer
 * (a depth drag), or rescaled for another init, gets exactly what drawing it at once gets.
 */
import { describe, expect, it } from 'vitest';
import { forgetDraws, sampleMlpWeights, type SampleOptions } from './init';

const BASE: SampleOptions = { depth: 12, width: 8, batch: 5, seed: 7, init: 'he', sigma: 1 };

/** A state's arrays, copied, from an empty cache. */
function fresh(options: SampleOptions): Float32Array[] {
	forgetDraws();
	return sampleMlpWeights(options).tensors.map((t) => Float32Array.from(t));
}

describe('sampleMlpWeights with cached draws', () => {
	it('grows a net layer by layer into the same weights as one drawn at its depth', () => {
		const whole = fresh(BASE);
		forgetDraws();
		sampleMlpWeights({ ...BASE, depth: 3 });
		sampleMlpWeights({ ...BASE, depth: 7 });
		const grown = sampleMlpWeights(BASE).tensors;
		expect(grown).toHaveLength(whole.length);
		grown.forEach((t, i) => expect(Array.from(t), `tensor ${i}`).toEqual(Array.from(whole[i])));
	});

	it('gives a shallower net the first layers of a deeper one, as a fresh draw does', () => {
		const shallow = fresh({ ...BASE, depth: 4 });
		forgetDraws();
		sampleMlpWeights(BASE);
		const after = sampleMlpWeights({ ...BASE, depth: 4 }).tensors;
		after.forEach((t, i) => expect(Array.from(t), `tensor ${i}`).toEqual(Array.from(shallow[i])));
	});

	it('rescales for another init, and back, exactly as fresh draws of those inits', () => {
		const custom = { ...BASE, init: 'custom' as const, sigma: 0.3 };
		const he = fresh(BASE);
		const small = fresh(custom);
		forgetDraws();
		sampleMlpWeights(BASE);
		const rescaled = sampleMlpWeights(custom).tensors.map((t) => Array.from(t));
		const back = sampleMlpWeights(BASE).tensors.map((t) => Array.from(t));
		expect(rescaled).toEqual(small.map((t) => Array.from(t)));
		expect(back).toEqual(he.map((t) => Array.from(t)));
		// The scale did change: W_1 differs between the two inits.
		expect(rescaled[2]).not.toEqual(back[2]);
	});
});
