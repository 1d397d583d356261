/**
 * The live adjoint sum: which forward nodes read a tensor, and which backward tensors add up to its
 * adjoint; run on the lab's graphs, each term is c̄ ∂c/∂v computed by hand from the run's values.
 */
import { describe, expect, it } from 'vitest';
import { runSplitModel } from '../../tests/support/ort';
import { adjointSum, pickable } from './adjointSum';
import { drawSample, feedsFor } from './data';
import { buildBackpropGraph, type GraphSpec, type NetShape } from './model';
import { summarize } from './summary';

async function run(shape: NetShape) {
	const { split, spec } = buildBackpropGraph(shape);
	const sample = drawSample(shape.hidden, shape.batch, 2);
	return summarize(spec, sample, shape.batch, await runSplitModel(split, feedsFor(sample, shape, 1)));
}
const idOf = (spec: GraphSpec, label: string) => spec.nodes.find((n) => n.label === label && n.phase === 'forward')!.id;

describe('adjoint sums', () => {
	it('squared error: d = p − y is read twice by its square; each term is (∂L/∂d²)·d, and the two add to d̄', async () => {
		const r = await run({ hidden: 3, batch: 2, act: 'tanh', loss: 'mse', xgrad: false });
		const spec = r.graph;
		const d = idOf(spec, 'p − y');
		const sq = idOf(spec, '(p − y)²');
		const sum = adjointSum(spec, d)!;
		expect(sum.consumers).toEqual([sq, sq]);
		expect(sum.terms).toHaveLength(2);
		// Each reading of d in d·d sends (∂L/∂(d·d)) · d back.
		const sqBar = r.values[spec.adjoints[sq]];
		for (const term of sum.terms) r.values[term].forEach((v, i) => expect(v).toBeCloseTo(sqBar[i] * r.values[d][i], 6));
		r.values[sum.adjoint].forEach((v, i) => expect(v).toBeCloseTo(r.values[sum.terms[0]][i] + r.values[sum.terms[1]][i], 6));
	});

	it('the naive loss: e^(s·z) feeds the division and its sum, two terms; h₁ with cross-entropy is read once, one term', async () => {
		const naive = (await run({ hidden: 3, batch: 1, act: 'tanh', loss: 'ce', xgrad: false, naive: true })).graph;
		const e = adjointSum(naive, idOf(naive, 'e^(s·z)'))!;
		expect(e.consumers.map((id) => naive.nodes.find((n) => n.id === id)!.op).sort()).toEqual(['Div', 'ReduceSum']);
		expect(e.terms).toHaveLength(2);
		const ce = (await run({ hidden: 3, batch: 1, act: 'tanh', loss: 'ce', xgrad: false })).graph;
		const h1 = adjointSum(ce, ce.named.h1)!;
		expect(h1.consumers).toEqual([idOf(ce, 'h₁W₂')]);
		expect(h1.terms).toEqual([h1.adjoint]);
	});

	it('a detached h₁ has no adjoint to sum, and is not offered', async () => {
		const spec = (await run({ hidden: 3, batch: 1, act: 'relu', loss: 'ce', xgrad: false, detach: 'hidden' })).graph;
		expect(adjointSum(spec, spec.named.h1)).toBeNull();
		expect(pickable(spec)).not.toContain(spec.named.h1);
		expect(pickable(spec)).toContain('W2');
		expect(pickable(spec)).not.toContain(spec.named.loss);
	});
});
