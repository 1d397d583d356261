/**
 * The quantization lab's figure 6 (DistillFigure) on the build's recording (recorded/distill.json:
 * the teacher's regions and one run of both students; no model, no runtime): the readout, summary,
 * region panels, curves and data table say the accuracies the recording holds, and the teacher's
 * panel is tinted by its recorded arms; the controls write the students' settings into the lab's
 * state, after which the recorded students are no longer shown as the reader's; Start and Retry
 * reach the controller, the teacher is asked for once the runtime is up, and training in progress
 * and failures say so. (The teacher's softmax table needs the live teacher's logits, which the
 * recording does not hold: only its placeholder text and the pointer's marker are checked.)
 */
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import Harness from './harness/LabFigureHarness.svelte';
import { quantization } from '$labs/quantization/lab';
import { QuantizationController } from '$labs/quantization/controller.svelte';
import type { QuantizationState } from '$labs/quantization/lab';
import DistillFigure from '$labs/quantization/DistillFigure.svelte';
import recording from '$labs/quantization/recorded/distill.json';

const SIZE = 48;
const TINT = ['rgb(213,94,0)', 'rgb(0,114,178)', 'rgb(0,158,115)'];
const HARD = recording.tracks.find((t) => t.id === 'hard')!;
const SOFT = recording.tracks.find((t) => t.id === 'soft')!;
/** Three significant digits, as the page writes a percentage between 1 and 100. */
const sig3 = (v: number) => String(Number(v.toPrecision(3)));
const percent = (v: number) => `${sig3(100 * v)}%`;

function mount(state: Partial<QuantizationState> = {}) {
	const controller = new QuantizationController();
	controller.set(state);
	const view = render(Harness, { controller, figures: quantization.figures, figure: DistillFigure });
	return { controller, ...view };
}

const stats = () =>
	Object.fromEntries([...screen.getByTestId('distill-stats').querySelectorAll('div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));
const summary = () => document.getElementById('distill-summary')!.textContent;
const panel = (name: string) => screen.getByRole('group', { name: `Regions: ${name}` });
/** Labelled points drawn in a panel: one small circle (two arcs) per point. */
const dotCount = (el: HTMLElement) => [...el.querySelectorAll('g.points path.disc')].reduce((n, p) => n + (p.getAttribute('d')?.match(/M/g)?.length ?? 0), 0);

/** The cells a tint path covers: one "M c r h w v1 h −w z" rectangle per run of cells. */
function cellsOf(d: string): number[] {
	const cells: number[] = [];
	for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
		const [c, r, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
		for (let k = 0; k < w; k++) cells.push(r * SIZE + c + k);
	}
	return cells;
}

describe('DistillFigure (figure 6) on the build’s recording', () => {
	it('reads out the teacher’s and both students’ held-out accuracy, and the students’ gap', () => {
		mount();
		const hard = HARD.regions.accuracy;
		const soft = SOFT.regions.accuracy;
		expect(stats()).toEqual({
			teacher: percent(recording.teacher.accuracy),
			'hard labels': percent(hard),
			'soft targets': percent(soft),
			'soft − hard': `${sig3(100 * (soft - hard))} points`
		});
		const { labels, T, alpha, seed } = recording.settings;
		expect(summary()).toBe(
			`Recorded at build time for the default settings: the teacher puts ${percent(recording.teacher.accuracy)} of the held-out points in their own arm. ` +
				`After ${HARD.regions.step} steps on ${labels} labelled points, T = ${T}, α = ${alpha}, seed ${seed}, the student trained on hard labels scores ${percent(hard)} and the one trained on the teacher’s soft targets ${percent(soft)}.`
		);
		expect(screen.getByTestId('recorded-note')).toHaveTextContent('one run of these default settings, on WebAssembly.');
		expect(screen.getByRole('figure')).toHaveAttribute('aria-busy', 'false');
	});

	it('shows three region panels, each with its recorded accuracy and the students’ labelled points', () => {
		mount();
		for (const [name, accuracy] of [
			['teacher', recording.teacher.accuracy],
			['student, hard labels', HARD.regions.accuracy],
			['student, soft targets', SOFT.regions.accuracy]
		] as const) {
			const group = panel(name);
			expect(within(group).getByRole('img', { name: `Regions of the ${name}: it puts ${percent(accuracy)} of the held-out points in their own arm.` })).toBeInTheDocument();
			expect(group.querySelector('.readout')).toHaveTextContent(`held-out accuracy ${percent(accuracy)}`);
			expect(dotCount(group)).toBe(recording.settings.labels);
		}
		// The students wear their curves' colours; the teacher has none.
		expect(panel('teacher').querySelector('.swatch')).toBeNull();
		expect(panel('student, hard labels').querySelector<HTMLElement>('.swatch')!.getAttribute('style')).toContain('--viz-cat-5');
		expect(panel('student, soft targets').querySelector<HTMLElement>('.swatch')!.getAttribute('style')).toContain('--viz-cat-0');
	});

	it('tints the teacher’s panel by its recorded arms, more opaque where it is surer', () => {
		mount();
		// The recording keeps per cell one letter: 'A' + arm × 9 + the eighth of 0.6 opacity it is drawn at.
		const cells = [...recording.teacher.tints].map((letter) => letter.charCodeAt(0) - 65);
		expect(cells).toHaveLength(SIZE * SIZE);
		const drawnArm = new Array<number>(SIZE * SIZE).fill(-1);
		const drawnOpacity = new Array<number>(SIZE * SIZE).fill(0);
		for (const p of panel('teacher').querySelectorAll('g[shape-rendering] path')) {
			for (const cell of cellsOf(p.getAttribute('d')!)) {
				expect(drawnArm[cell], `cell ${cell} tinted twice`).toBe(-1);
				drawnArm[cell] = TINT.indexOf(p.getAttribute('fill')!);
				drawnOpacity[cell] = Number(p.getAttribute('fill-opacity'));
			}
		}
		const levels = new Set<number>();
		for (let i = 0; i < SIZE * SIZE; i++) {
			const [arm, eighths] = [Math.floor(cells[i] / 9), cells[i] % 9];
			levels.add(eighths);
			expect(drawnArm[i], `cell ${i}'s arm`).toBe(eighths === 0 ? -1 : arm);
			expect(drawnOpacity[i], `cell ${i}'s opacity`).toBeCloseTo((0.6 * eighths) / 8, 12);
		}
		// All three arms are there, in more than a few shades.
		expect(new Set(drawnArm.filter((a) => a >= 0)).size).toBe(3);
		expect(levels.size).toBeGreaterThan(4);
	});

	it('draws both students’ recorded curves, the teacher and chance as rules, and lists them by step', async () => {
		const { container } = mount();
		const svg = container.querySelector<SVGSVGElement>('.curves svg.chart-svg')!;
		const lines = [...svg.querySelectorAll('path.line')];
		expect(lines.map((l) => l.querySelector('title')?.textContent)).toEqual(['student, hard labels', 'student, soft targets']);
		const vertices = (d: string) => [...d.matchAll(/[ML](-?[\d.e+-]+),(-?[\d.e+-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
		const [hard, soft] = lines.map((l) => vertices(l.getAttribute('d')!));
		expect(hard).toHaveLength(HARD.accuracy.length);
		expect(soft).toHaveLength(SOFT.accuracy.length);
		// y on the axis's scale for both lines and the rules: 0 … 100% of the held-out points.
		const tickY = (label: string) => {
			const tick = [...svg.querySelectorAll('.axis-y .tick')].find((t) => t.querySelector('text')?.textContent === label)!;
			return Number(/translate\(0,\s*(-?[\d.]+)\)/.exec(tick.getAttribute('transform')!)![1]);
		};
		const [y0, y100] = [tickY('0'), tickY('100')];
		expect(y0).toBeGreaterThan(y100);
		const yOf = (percentValue: number) => y0 + ((y100 - y0) * percentValue) / 100;
		const all = [...HARD.accuracy, ...SOFT.accuracy];
		const drawn = [...hard, ...soft];
		// The path's coordinates are rounded to a few decimals.
		all.forEach(([, a], i) => expect(Math.abs(drawn[i][1] - yOf(100 * a))).toBeLessThan(0.01));
		// x: the step, 0 at the left and 800 at the right of the same axis.
		const xs = drawn.map((p) => p[0]);
		all.forEach(([step], i) => expect(Math.abs(xs[i] - (xs[0] + ((xs[HARD.accuracy.length - 1] - xs[0]) * step) / 800))).toBeLessThan(0.01));
		const rules = [...svg.querySelectorAll('g.ruler')];
		expect(rules.map((r) => r.querySelector('text')?.textContent)).toEqual(['teacher', 'chance']);
		expect(Number(rules[0].querySelector('line')!.getAttribute('y1'))).toBeCloseTo(yOf(100 * recording.teacher.accuracy), 6);
		expect(Number(rules[1].querySelector('line')!.getAttribute('y1'))).toBeCloseTo(yOf(100 / 3), 6);

		const details = container.querySelector('details.data-table') as HTMLDetailsElement;
		details.open = true;
		await fireEvent(details, new Event('toggle'));
		const rows = [...details.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
		const steps = [...new Set(all.map(([s]) => s))].sort((a, b) => a - b);
		const at = (track: typeof HARD, step: number) => {
			const hit = track.accuracy.find(([s]) => s === step);
			return hit ? String(Number((100 * hit[1]).toPrecision(4))) : '';
		};
		expect(rows).toEqual(steps.map((s) => [String(s), at(HARD, s), at(SOFT, s)]));
	});

	it('pointing at the teacher marks the cell; its softmax waits for the live teacher', async () => {
		mount();
		const softmax = screen.getByTestId('teacher-softmax');
		expect(softmax).toHaveTextContent('The teacher’s softmax can be read here once its model has run on this page.');
		const slider = screen.getByRole('slider', { name: 'Point in the teacher’s picture (arrow keys move it)' });
		// Only the teacher's panel can be pointed at.
		expect(screen.getAllByRole('slider', { name: /^Point in/ })).toHaveLength(1);
		expect(panel('teacher').querySelector('rect.marker')).toBeNull();
		await fireEvent.keyDown(slider, { key: 'ArrowRight' });
		// From the centre cell (row 24, column 24) one to the right.
		expect(slider.getAttribute('aria-valuenow')).toBe(String(24 * SIZE + 25));
		const marker = panel('teacher').querySelector('rect.marker')!;
		expect([marker.getAttribute('x'), marker.getAttribute('y')]).toEqual(['24.5', '23.5']);
		expect(softmax).toHaveTextContent('once its model has run on this page');
	});

	it('its controls set the students’ settings; then the recorded students are not shown as the reader’s', async () => {
		const { controller } = mount();
		await fireEvent.click(screen.getByRole('button', { name: 'Increase Labelled points the students see' }));
		expect(controller.state.labels).toBe(129);
		expect(screen.queryByTestId('recorded-note')).toBeNull();
		expect(screen.queryByTestId('distill-stats')).toBeNull();
		expect(screen.getByText('The build-time recording is of the default settings only: train the students for yours (129 labelled points, T = 4, α = 0.9, seed 1).')).toBeInTheDocument();
		// The teacher is the same network: its recorded regions stay.
		expect(summary()).toBe(`the teacher puts ${percent(recording.teacher.accuracy)} of the held-out points in their own arm. Start trains two students on 129 labelled points, T = 4, α = 0.9, seed 1.`);
		for (const name of ['student, hard labels', 'student, soft targets']) {
			expect(panel(name).querySelector('.readout')).toHaveTextContent(/^not trained yet$/);
			expect(panel(name).querySelectorAll('g[shape-rendering] path')).toHaveLength(0);
			expect(dotCount(panel(name))).toBe(129);
		}
		expect(panel('teacher').querySelector('.readout')).toHaveTextContent(`held-out accuracy ${percent(recording.teacher.accuracy)}`);

		// T on its log slider: position 1 is T = 10.
		await fireEvent.input(screen.getByLabelText('Distillation temperature T'), { target: { value: '1' } });
		expect(controller.state.T).toBe(10);
		expect(summary()).toContain('129 labelled points, T = 10, α = 0.9, seed 1.');
	});

	it('Start asks the controller to train; the teacher is asked for once the runtime is ready', async () => {
		const { controller } = mount();
		const start = vi.spyOn(controller, 'startDistill').mockImplementation(() => {});
		const teacher = vi.spyOn(controller, 'loadTeacher').mockImplementation(() => {});
		await fireEvent.click(screen.getByRole('button', { name: 'Train the students' }));
		expect(start).toHaveBeenCalledTimes(1);
		expect(teacher).not.toHaveBeenCalled();
		controller.status = 'ready';
		flushSync();
		expect(teacher).toHaveBeenCalledTimes(1);
	});

	it('while training, the students wait for their first probe', () => {
		const { controller } = mount();
		const run = controller.distill;
		run.settings = { labels: 128, T: 4, alpha: 0.9, seed: 1, backend: 'wasm' };
		run.tracks = run.tracks.map((t) => ({ ...t, status: 'running' }));
		flushSync();
		expect(summary()).toContain('The students are training.');
		expect(screen.queryByTestId('recorded-note')).toBeNull();
		expect(screen.queryByTestId('distill-stats')).toBeNull();
		for (const name of ['student, hard labels', 'student, soft targets']) expect(panel(name).querySelector('.readout')).toHaveTextContent(/^waiting for the first probe…$/);
		expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
	});

	it('a teacher that did not run, or a failed training run, shows its message; Retry redoes the one that failed', async () => {
		const { controller } = mount();
		const start = vi.spyOn(controller, 'startDistill').mockImplementation(() => {});
		const teacher = vi.spyOn(controller, 'loadTeacher').mockImplementation(() => {});
		controller.teacherError = 'The teacher model did not run: the model file could not be downloaded.';
		flushSync();
		expect(screen.getByTestId('figure-fault')).toHaveTextContent('The teacher model did not run: the model file could not be downloaded.');
		// The recorded regions stay on show.
		expect(screen.getByTestId('distill-stats')).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
		expect(teacher).toHaveBeenCalledTimes(1);
		expect(start).not.toHaveBeenCalled();

		controller.distill.settings = { labels: 128, T: 4, alpha: 0.9, seed: 1, backend: 'wasm' };
		controller.distill.error = 'The students could not be trained: out of memory.';
		flushSync();
		expect(screen.getByTestId('figure-fault')).toHaveTextContent('The students could not be trained: out of memory.');
		await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
		expect(start).toHaveBeenCalledTimes(1);
		expect(teacher).toHaveBeenCalledTimes(1);
	});
});
