/**
 * The quantization lab's figure 5 (PruningFigure), mounted on a controller seeded with a pruning
 * measurement as the build records it (no model, no runtime): the readout and summary say the
 * reader's point of the measurement; the accuracy curves, the FLOPs lines and the head-ablation
 * bars are drawn from its points; structured pruning that cannot reach the asked fraction says
 * so; a measurement of other settings is labelled; and the layer timing's button, progress and
 * failure reach the controller and the reader.
 */
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import Harness from './harness/LabFigureHarness.svelte';
import { quantization } from '$labs/quantization/lab';
import { QuantizationController } from '$labs/quantization/controller.svelte';
import type { QuantizationState } from '$labs/quantization/lab';
import type { PrunePoint, PruneResult } from '$labs/quantization/pruneAccuracy';
import type { GridResults } from '$labs/quantization/summary';
import PruningFigure from '$labs/quantization/PruningFigure.svelte';

const TOKENS = 800;
const DENSE = 40000;
const POINTS: PrunePoint[] = [
	{ method: 'layer', sparsity: 0, removed: 0, right: 760, flops: DENSE },
	{ method: 'layer', sparsity: 0.5, removed: 0.5, right: 720, flops: DENSE },
	{ method: 'global', sparsity: 0.5, removed: 0.5, right: 740, flops: DENSE },
	{ method: 'neurons', sparsity: 0.5, removed: 0.45, right: 600, flops: 22000 },
	{ method: 'heads', sparsity: 0.3, removed: 0.25, right: 560, flops: 30000 }
];
const RESULT: PruneResult = {
	tokens: TOKENS,
	linearWeights: 20000,
	denseFlops: DENSE,
	points: POINTS,
	ablation: [
		{ layer: 'l0', head: 0, right: 700 },
		{ layer: 'l0', head: 1, right: 740 },
		{ layer: 'l1', head: 0, right: 600 },
		{ layer: 'l1', head: 1, right: 750 }
	],
	chosen: POINTS[1]
};
const pct = (count: number) => (100 * count) / TOKENS;
const COLOR = { layer: 'var(--viz-cat-0, #E69F00)', global: 'var(--viz-cat-2, #009E73)', neurons: 'var(--viz-cat-3, #0072B2)', heads: 'var(--viz-cat-1, #56B4E9)' };

const GRID = { tensor: 'l0.mlp1.w', format: '4', rows: 1, cols: 1, domain: [0, 1], bins: [], binWidth: 1, tensorLevels: [], channels: [], tensorScale: 1, tensorZero: 0, channelScales: [1, 1], mse: 0, sqnr: 0, bitsPerWeight: 4, byGranularity: { tensor: { mse: 0, sqnr: 0 }, channel: { mse: 0, sqnr: 0 } }, mseByBits: [] } satisfies GridResults;

function mount(result: PruneResult | null, state: Partial<QuantizationState> = {}) {
	const controller = new QuantizationController();
	controller.set(state);
	if (result) controller.seed({ state: controller.current(), results: { ...GRID, pruning: result }, omitted: [] });
	const view = render(Harness, { controller, figures: quantization.figures, figure: PruningFigure });
	return { controller, ...view };
}

const stats = (testid = 'pruning-stats') =>
	Object.fromEntries([...screen.getByTestId(testid).querySelectorAll('div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));
const summary = () => document.getElementById('pruning-summary')!.textContent;
const charts = (container: HTMLElement) => [...container.querySelectorAll<SVGSVGElement>('svg.chart-svg')];
const num = (el: Element, attr: string) => Number(el.getAttribute(attr));

/** Expects positions to be one affine function of the values (a linear axis). */
function expectAffine(values: number[], positions: number[], digits = 6) {
	const k = (positions.at(-1)! - positions[0]) / (values.at(-1)! - values[0]);
	values.forEach((v, i) => expect(positions[i], `value ${v}`).toBeCloseTo(positions[0] + k * (v - values[0]), digits));
}

/** The vertices of a line path ("M x,y L x,y …"). */
const vertices = (d: string) => [...d.matchAll(/[ML](-?[\d.e+-]+),(-?[\d.e+-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe('PruningFigure (figure 5) on the recorded measurement', () => {
	it('reads out the reader’s point: weights removed, accuracy kept, FLOPs left', () => {
		mount(RESULT);
		// Magnitude per layer at 50%: 720 of 800 right, every FLOP still run.
		expect(stats()).toEqual({ removed: '50% of linear weights', accuracy: '90%', 'linear FLOPs': '100% of dense' });
		expect(summary()).toBe(
			'Recorded at build time: copy task, magnitude, per layer at 50% asked: 50% of the 20000 linear weights removed, 90% of 800 held-out tokens right (unpruned 95%); the linear layers run 100% of the dense FLOPs.'
		);
		expect(screen.getByTestId('recorded-note')).toBeInTheDocument();
		expect(screen.getByRole('figure')).toHaveAttribute('aria-busy', 'false');
		expect([...document.querySelectorAll('.legend li')].map((li) => li.textContent?.trim())).toContain('magnitude, per layer (chosen)');
	});

	it('draws each method’s accuracy curve from the unpruned model, the chosen point larger', () => {
		const { container } = mount(RESULT);
		const [accuracy] = charts(container);
		const circles = [...accuracy.querySelectorAll('g.points circle')];
		// Per method: the unpruned point and its own; then the reader's point.
		const want = [
			['layer', 0, 95],
			['layer', 50, 90],
			['global', 0, 95],
			['global', 50, 92.5],
			['neurons', 0, 95],
			['neurons', 45, 75],
			['heads', 0, 95],
			['heads', 25, 70],
			['layer', 50, 90]
		] as const;
		expect(circles).toHaveLength(want.length);
		expect(circles.map((c) => c.getAttribute('fill'))).toEqual(want.map(([m]) => COLOR[m]));
		expectAffine(
			want.map((w) => w[1]),
			circles.map((c) => num(c, 'cx'))
		);
		expectAffine(
			want.map((w) => w[2]),
			circles.map((c) => num(c, 'cy'))
		);
		// The chosen method's dots are bigger than the others', the reader's point biggest.
		expect(circles.map((c) => num(c, 'r'))).toEqual([3.5, 3.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 6]);
		// The rule at the fraction removed.
		expect(num(accuracy.querySelector('g.ruler line')!, 'x1')).toBeCloseTo(num(circles[1], 'cx'), 6);
	});

	it('draws the FLOPs a dense kernel runs: flat for magnitude pruning, falling for neurons and heads', () => {
		const { container } = mount(RESULT);
		const flops = charts(container)[1];
		const lines = [...flops.querySelectorAll('path.line')];
		expect(lines.map((l) => l.querySelector('title')?.textContent)).toEqual(['magnitude (both)', 'MLP neurons (structured)', 'attention heads (structured)']);
		const [magnitude, neurons, heads] = lines.map((l) => vertices(l.getAttribute('d')!));
		// In % of the dense FLOPs against % removed: (0, 100)–(100, 100); (0, 100)–(45, 55); (0, 100)–(25, 75).
		const pairs = [
			[magnitude, [[0, 100], [100, 100]]],
			[neurons, [[0, 100], [45, 55]]],
			[heads, [[0, 100], [25, 75]]]
		] as const;
		const xs: number[] = [];
		const ys: number[] = [];
		const px: number[] = [];
		const py: number[] = [];
		for (const [drawn, data] of pairs) {
			expect(drawn).toHaveLength(data.length);
			data.forEach(([x, y], i) => (xs.push(x), ys.push(y), px.push(drawn[i][0]), py.push(drawn[i][1])));
		}
		// A path's coordinates are rounded to a few decimals.
		expectAffine(xs, px, 2);
		// y: 100 at the top (smaller y for more FLOPs), one scale for all three.
		const k = (py[3] - py[0]) / (ys[3] - ys[0]);
		expect(k).toBeLessThan(0);
		ys.forEach((y, i) => expect(py[i]).toBeCloseTo(py[0] + k * (y - ys[0]), 2));
	});

	it('draws each head ablated alone against the unpruned model, and says so in words', () => {
		mount(RESULT);
		const ablation = screen.getByTestId('head-ablation');
		const svg = ablation.querySelector('svg.chart-svg')!;
		expect([...svg.querySelectorAll('.axis-x .tick text')].map((t) => t.textContent)).toEqual(['L1·H1', 'L1·H2', 'L2·H1', 'L2·H2']);
		const h = [...svg.querySelectorAll('g.bars rect')].map((r) => num(r, 'height'));
		RESULT.ablation.forEach((a, i) => expect(h[i] / h[0]).toBeCloseTo(a.right / RESULT.ablation[0].right, 6));
		expect(svg.querySelector('g.ruler text')).toHaveTextContent('all heads');
		// 700, 740, 600 and 750 of 800; 760 with all heads.
		expect(svg.querySelector('desc')).toHaveTextContent(
			'Each head removed alone: layer 1, head 1 87.5%, layer 1, head 2 92.5%, layer 2, head 1 75%, layer 2, head 2 93.8%, against 95% with all 4.'
		);
	});

	it('structured pruning that runs out of neurons says it cannot reach the fraction asked', () => {
		const chosen: PrunePoint = { method: 'neurons', sparsity: 0.9, removed: 0.48, right: 100, flops: 4000 };
		mount({ ...RESULT, chosen }, { prune: 'neurons', sparsity: 0.9 });
		// 100 of 800 = 12.5%; 4000 / 40000 = 10% of the FLOPs.
		expect(stats()).toEqual({ removed: '48% of linear weights', accuracy: '12.5%', 'linear FLOPs': '10% of dense' });
		expect(screen.getByText('The MLPs hold only 48% of the linear weights: with every neuron removed, structured pruning cannot reach 90%.')).toBeInTheDocument();
		expect([...document.querySelectorAll('.legend li')].map((li) => li.textContent?.trim())).toContain('MLP neurons (structured) (chosen)');
	});

	it('labels the points as another setting’s when the method or fraction changes, and waits for its own', () => {
		const { controller } = mount(RESULT);
		controller.set({ sparsity: 0.7 });
		flushSync();
		expect(screen.getByText('These points are for another setting (copy task, magnitude, per layer at 50% asked).')).toBeInTheDocument();
		expect(screen.getByTestId('figure-computing')).toBeInTheDocument();
		expect(screen.getByRole('figure')).toHaveAttribute('aria-busy', 'true');
	});

	it('times a layer on request, counts its runs, and shows a failed timing with Retry', async () => {
		const { controller } = mount(RESULT);
		const start = vi.spyOn(controller, 'startTiming').mockImplementation(() => {});
		const timing = screen.getByTestId('pruning-timing');
		expect(timing).toHaveTextContent('One 1024 × 1024 layer on 256 tokens');
		await fireEvent.click(screen.getByRole('button', { name: 'Time a layer' }));
		expect(start).toHaveBeenCalledTimes(1);

		controller.timing.settings = 'wasm';
		controller.timing.tracks = controller.timing.tracks.map((t) => ({ ...t, status: 'running', step: 3, maxSteps: 60 }));
		flushSync();
		expect(timing).toHaveTextContent('Timing: 3 of 60 runs.');
		expect(screen.getByRole('button', { name: 'Time a layer' })).toBeDisabled();

		controller.timing.error = 'The timing graph could not be built.';
		flushSync();
		expect(screen.getByTestId('figure-fault')).toHaveTextContent('The timing graph could not be built.');
		expect(screen.queryByTestId('timing-stats')).toBeNull();
		await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
		expect(start).toHaveBeenCalledTimes(2);
	});

	it('a failed pruning run takes Retry to the pruning measurement', async () => {
		const { controller } = mount(RESULT);
		const prune = vi.spyOn(controller, 'startPruning').mockImplementation(() => {});
		const time = vi.spyOn(controller, 'startTiming').mockImplementation(() => {});
		controller.pruning.settings = { task: 'copy', method: 'layer', sparsity: 0.7, backend: 'wasm' };
		controller.pruning.error = 'The pruned model failed to run.';
		flushSync();
		expect(screen.getByTestId('figure-fault')).toHaveTextContent('The pruned model failed to run.');
		await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
		expect(prune).toHaveBeenCalledTimes(1);
		expect(time).not.toHaveBeenCalled();
	});
});
