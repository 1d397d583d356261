/**
 * Figure 4's Gantt chart, mounted with explicit props: the blocks it draws are the simulation's,
 * in place and in length, the idle hatching is what the compute lanes leave, and the chart says
 * what it shows to a screen reader.
 */
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import TimelineChart from '../../labs/memory-and-parallelism/TimelineChart.svelte';
import { simulateTimeline, type TimelineInput } from '../../labs/memory-and-parallelism/timeline';

const input = (over: Partial<TimelineInput>): TimelineInput => ({
	schedule: '1f1b',
	p: 4,
	m: 8,
	v: 1,
	t: 1,
	d: 1,
	sharding: 'replicated',
	units: 1,
	layers: 32,
	forwardFlops: 3e12,
	backwardRatio: 2,
	peakFlops: 312e12,
	eff: 0.7,
	activationBytes: 2 * 4096 * 4096,
	parameterBytes: 2 * 6.6e9,
	tpBandwidth: Infinity,
	ppBandwidth: Infinity,
	dpBandwidth: Infinity,
	overlap: 0.8,
	...over
});

const num = (el: Element, attr: string) => Number(el.getAttribute(attr));

describe('TimelineChart', () => {
	it('draws one block per simulated F and B block, where and as long as the simulation says', () => {
		const timeline = simulateTimeline(input({}));
		const { container } = render(TimelineChart, { timeline });
		const groups = Array.from(container.querySelectorAll('g.block'));
		const compute = timeline.blocks.filter((b) => b.lane === 'compute');
		// Free transfers take no time and draw nothing.
		expect(groups).toHaveLength(compute.length);
		const rects = groups.map((g) => g.querySelector('rect') as SVGRectElement);
		// The plot's width in px is where the last block ends (the x domain is [0, step time]).
		const plotWidth = Math.max(...rects.map((r) => num(r, 'x') + num(r, 'width')));
		compute.forEach((b, i) => {
			expect(groups[i].getAttribute('data-kind')).toBe(b.kind);
			expect(groups[i].getAttribute('data-stage')).toBe(String(b.gpu));
			expect(groups[i].getAttribute('data-microbatch')).toBe(String(b.microbatch));
			expect(num(rects[i], 'x') / plotWidth).toBeCloseTo(b.start / timeline.stepTime, 6);
			expect(num(rects[i], 'width') / plotWidth).toBeCloseTo((b.end - b.start) / timeline.stepTime, 6);
		});
		// Stage 1 on top: its row's y is above stage 4's.
		const yOf = (stage: number) => num(container.querySelector(`g.block[data-stage="${stage}"] rect`) as Element, 'y');
		expect(yOf(0)).toBeLessThan(yOf(3));
	});

	it('hatches each stage\'s idle time: the step minus its compute', () => {
		const timeline = simulateTimeline(input({ schedule: 'gpipe' }));
		const { container } = render(TimelineChart, { timeline });
		const rects = Array.from(container.querySelectorAll('g.block rect'));
		const plotWidth = Math.max(...rects.map((r) => num(r, 'x') + num(r, 'width')));
		for (let s = 0; s < 4; s++) {
			const idle = Array.from(container.querySelectorAll(`rect.idle[data-stage="${s}"]`)).reduce((w, r) => w + num(r, 'width'), 0);
			const busy = timeline.blocks.filter((b) => b.gpu === s && b.lane === 'compute').reduce((t, b) => t + b.end - b.start, 0);
			expect(idle / plotWidth).toBeCloseTo((timeline.stepTime - busy) / timeline.stepTime, 6);
		}
	});

	it('draws transfers in the comm lanes, labelled with their volume when they fit', () => {
		const timeline = simulateTimeline(input({ p: 2, m: 2, t: 4, d: 4, units: 2, tpBandwidth: 150e9, ppBandwidth: 25e9, dpBandwidth: 25e9 }));
		const { container } = render(TimelineChart, { timeline });
		for (const kind of ['tp', 'send', 'allreduce'] as const) {
			const sim = timeline.blocks.filter((b) => b.kind === kind && b.end > b.start);
			expect(sim.length).toBeGreaterThan(0);
			expect(container.querySelectorAll(`g.block[data-kind="${kind}"][data-lane="comm"]`)).toHaveLength(sim.length);
		}
		// Each block names itself on hover, with the bytes it sends.
		const bucket = container.querySelector('g.block[data-kind="allreduce"] title');
		expect(bucket?.textContent).toMatch(/^DP all-reduce, [\d.]+ (MB|GB) per GPU/);
		// The legend lists exactly the kinds drawn, plus the idle hatching.
		const legend = Array.from(container.querySelectorAll('.legend li'), (li) => li.textContent?.trim());
		expect(legend).toEqual(['forward', 'backward', 'PP send', 'TP all-reduce', 'DP all-reduce', 'idle (bubble, waiting)']);
	});

	it('is an image with a name and a summary, and shows the in-flight count per stage', () => {
		const timeline = simulateTimeline(input({}));
		const { container } = render(TimelineChart, { timeline });
		const svg = container.querySelector('svg.chart-svg') as SVGSVGElement;
		expect(svg).toHaveAttribute('role', 'img');
		const desc = svg.querySelector('desc')?.textContent ?? '';
		// p 4, m 8, free transfers: the bubble is 3/11 of the step.
		expect(desc).toContain(`the pipeline bubble is ${((100 * 3) / 11).toFixed(1)}%`);
		expect(desc).toContain('holds at most 4 micro-batches');
		// 1F1B with m ≥ p: stage s holds p − s − 1 warm-up micro-batches plus the one in its steady 1F1B.
		const labels = Array.from(container.querySelectorAll('.row-label'), (t) => t.textContent?.replace(/\s+/g, ' ').trim());
		expect(labels).toEqual([0, 1, 2, 3].map((s) => `stage ${s + 1} ${4 - s} in flight`));
		expect(container.querySelector('.axis-x .axis-label')).toHaveTextContent('time (ms)');
	});
});
