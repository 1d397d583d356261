/**
 * The quantization lab's PTQ-vs-QAT figure (QatFigure) on the build's recording (recorded/qat.json,
 * no training, no runtime): for the default settings and the W4A4 scene the readout, summary,
 * curves and data table say the PTQ score and both runs' last scores the recording holds; its
 * controls write the steps and the seed into the lab's state, after which the recording is no
 * longer shown as the reader's; Start asks the controller to train; a float weight format has no
 * grid to train through; training in progress and a failed run say so.
 */
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import Harness from './harness/LabFigureHarness.svelte';
import { quantization } from '$labs/quantization/lab';
import { QuantizationController } from '$labs/quantization/controller.svelte';
import type { QuantizationState } from '$labs/quantization/lab';
import QatFigure from '$labs/quantization/QatFigure.svelte';
import recording from '$labs/quantization/recorded/qat.json';

/** The recorded run for W4 with the activations off or at 4 bits (the default state and the W4A4 scene). */
function recorded(abits: 'off' | '4') {
	const run = recording.runs.find((r) => r.settings.wbits === 4 && r.settings.abits === abits && r.settings.steps === 300 && r.settings.seed === 1);
	if (!run) throw new Error(`no recorded run with abits ${abits}`);
	const track = (id: string) => run.tracks.find((t) => t.id === id)!;
	return { run, qat: track('qat'), float: track('float') };
}
/** "92.6%": three significant digits, as the page writes a percentage between 1 and 100. */
const percent = (v: number) => `${Number((100 * v).toPrecision(3))}%`;

function mount(state: Partial<QuantizationState> = {}) {
	const controller = new QuantizationController();
	controller.set(state);
	const view = render(Harness, { controller, figures: quantization.figures, figure: QatFigure });
	return { controller, ...view };
}

const stats = () =>
	Object.fromEntries([...screen.getByTestId('qat-stats').querySelectorAll('div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));
const summary = () => document.getElementById('qat-summary')!.textContent;
const chart = () => document.querySelector<SVGSVGElement>('svg.chart-svg')!;

describe('QatFigure on the build’s recording', () => {
	it.each([
		['the default settings', 'off', {}, 'W4'],
		['the W4A4 scene', '4', { abits: '4' }, 'W4A4']
	] as const)('%s: PTQ is the first probe, QAT and float the last, as recorded', (_, abits, state, name) => {
		const { qat, float } = recorded(abits);
		mount(state);
		// Both runs start from the shipped weights: their first probe is the same PTQ score.
		expect(qat.accuracy[0]).toEqual(float.accuracy[0]);
		const ptq = qat.accuracy[0][1];
		const [qatStep, qatLast] = qat.accuracy.at(-1)!;
		const [floatStep, floatLast] = float.accuracy.at(-1)!;
		expect(stats()).toEqual({ PTQ: percent(ptq), [`QAT, ${qatStep} steps`]: percent(qatLast), [`float ${floatStep} steps, then PTQ`]: percent(floatLast) });
		expect(summary()).toBe(
			`Recorded at build time for these settings: the copy model, ${name} (per-tensor weight scales, embeddings too), 300 steps, seed 1: ` +
				`PTQ keeps ${percent(ptq)} of the held-out tokens right; after ${qatStep} steps, QAT ${percent(qatLast)} and float fine-tuning then PTQ ${percent(floatLast)}.`
		);
		expect(screen.getByTestId('recorded-note')).toHaveTextContent('both runs for these settings, on WebAssembly.');
		expect(screen.getByRole('figure')).toHaveAttribute('aria-busy', 'false');
	});

	it('draws every recorded probe of both runs, and PTQ as a rule', () => {
		const { qat, float } = recorded('off');
		mount();
		const svg = chart();
		const circles = [...svg.querySelectorAll('g.points circle')];
		expect(circles).toHaveLength(qat.accuracy.length + float.accuracy.length);
		const probes = [...qat.accuracy, ...float.accuracy];
		// x: the step, y: the accuracy, each on one linear scale (y pointing down).
		const cx = circles.map((c) => Number(c.getAttribute('cx')));
		const cy = circles.map((c) => Number(c.getAttribute('cy')));
		const kx = (cx[qat.accuracy.length - 1] - cx[0]) / (probes[qat.accuracy.length - 1][0] - probes[0][0]);
		const hi = probes.reduce((best, p, i) => (p[1] > probes[best][1] ? i : best), 0);
		const ky = (cy[hi] - cy[0]) / (probes[hi][1] - probes[0][1]);
		expect(ky).toBeLessThan(0);
		// To within the hundredth of a pixel the points are written to (scales.ts `pixel`).
		probes.forEach(([step, acc], i) => {
			expect(Math.abs(cx[i] - (cx[0] + kx * (step - probes[0][0])))).toBeLessThanOrEqual(0.02);
			expect(Math.abs(cy[i] - (cy[0] + ky * (acc - probes[0][1])))).toBeLessThanOrEqual(0.02);
		});
		const rule = svg.querySelector('g.ruler')!;
		expect(rule.querySelector('text')).toHaveTextContent('PTQ');
		expect(Math.abs(Number(rule.querySelector('line')!.getAttribute('y1')) - cy[0])).toBeLessThanOrEqual(0.005);
		expect([...document.querySelectorAll('.legend li')].map((li) => li.textContent?.trim())).toEqual(['QAT (trained through the quantizer)', 'float fine-tuning, then PTQ']);
	});

	it('lists both runs’ scores by step in its data table', async () => {
		const { qat, float } = recorded('off');
		const { container } = mount();
		const details = container.querySelector('details.data-table') as HTMLDetailsElement;
		details.open = true;
		await fireEvent(details, new Event('toggle'));
		const rows = [...details.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
		const steps = [...new Set([...qat.accuracy, ...float.accuracy].map(([s]) => s))].sort((a, b) => a - b);
		const at = (track: typeof qat, step: number) => {
			const hit = track.accuracy.find(([s]) => s === step);
			return hit ? String(Number((100 * hit[1]).toPrecision(4))) : '';
		};
		expect(rows).toEqual(steps.map((s) => [String(s), at(qat, s), at(float, s)]));
	});

	it('its controls set the steps and the seed; then the recording is not shown as the reader’s', async () => {
		const { controller } = mount();
		await fireEvent.input(screen.getByLabelText('QAT steps'), { target: { value: '200' } });
		expect(controller.state.qsteps).toBe(200);
		expect(screen.queryByTestId('recorded-note')).toBeNull();
		expect(screen.queryByTestId('qat-stats')).toBeNull();
		expect(screen.getByText('The build recorded the default settings and the W4A4 scene: train to see the copy model, W4 (per-tensor weight scales, embeddings too), 200 steps, seed 1.')).toBeInTheDocument();
		expect(summary()).toBe('Start fine-tunes the copy model, W4 (per-tensor weight scales, embeddings too), 200 steps, seed 1 twice: through the quantizer and in float.');
		expect(screen.getByRole('group', { name: 'QAT controls' }).nextElementSibling).toHaveTextContent('Two runs of 200 steps on WebAssembly (in a worker)');
		expect(chart().querySelectorAll('g.points circle')).toHaveLength(0);

		await fireEvent.input(screen.getByLabelText('QAT steps'), { target: { value: '300' } });
		expect(screen.getByTestId('recorded-note')).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('button', { name: 'Increase Seed (QAT batches, students)' }));
		expect(controller.state.seed).toBe(2);
		expect(screen.queryByTestId('recorded-note')).toBeNull();
		expect(summary()).toContain('300 steps, seed 2 twice');
	});

	it('Start asks the controller to train', async () => {
		const { controller } = mount();
		const start = vi.spyOn(controller, 'startQat').mockImplementation(() => {});
		await fireEvent.click(screen.getByRole('button', { name: 'Train through the quantizer' }));
		expect(start).toHaveBeenCalledTimes(1);
	});

	it('a float weight format has no grid to train through: it says so and Start is off', () => {
		mount({ wbits: 'fp16' });
		expect(screen.getByTestId('qat-float')).toHaveTextContent(
			'QAT trains through an integer grid: with fp16 weights there is none. Choose 2 to 8 weight bits for figure 2 to train through them here.'
		);
		expect(screen.getByRole('button', { name: 'Train through the quantizer' })).toBeDisabled();
		expect(screen.queryByTestId('recorded-note')).toBeNull();
	});

	it('while training, waits for the first scores; a failed run shows its message and Retry trains again', async () => {
		const { controller } = mount();
		const start = vi.spyOn(controller, 'startQat').mockImplementation(() => {});
		const run = controller.qat;
		const settings = controller.current();
		run.settings = { task: 'copy', wbits: 4, gran: 'tensor', emb: true, abits: 'off', scheme: 'sym', calib: 'minmax', pct: settings.pct, steps: 300, seed: 1, backend: 'wasm' };
		run.tracks = run.tracks.map((t) => ({ ...t, status: 'running' }));
		flushSync();
		expect(summary()).toBe('Training: waiting for the first scores.');
		expect(screen.queryByTestId('recorded-note')).toBeNull();
		expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();

		run.error = 'The training worker stopped: out of memory.';
		flushSync();
		const fault = screen.getByTestId('figure-fault');
		expect(fault).toHaveTextContent('This figure’s run failed');
		expect(fault).toHaveTextContent('The training worker stopped: out of memory.');
		await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
		expect(start).toHaveBeenCalledTimes(1);
	});
});
