/**
 * The double-descent sweep as staged results: the lab is ready once the first seed's curve is
 * complete (a partial result with one replicate), and the complete sweep is merged in after; a
 * sweep quick enough to send no partial lands whole; a sweep that fails after its first seed
 * keeps the lab ready and says so under the curve, with a Retry; a quick sweep's results reach the
 * figures once. The worker is replaced by a fake whose sweeps the test ends.
 */
import { flushSync } from 'svelte';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import { doubleDescent } from '../../labs/double-descent/lab';
import { DdController } from '../../labs/double-descent/controller.svelte';
import SweepStatus from '../../labs/double-descent/SweepStatus.svelte';
import type { DdResults } from '../../labs/double-descent/summary';
import LabFigureHarness from './harness/LabFigureHarness.svelte';

type OnPartial = (results: DdResults, fraction: number) => void;
const sweeps = vi.hoisted(() => [] as { onPartial: OnPartial; resolve(results: DdResults | null): void; reject(error: Error): void }[]);

vi.mock('../../labs/double-descent/compute', () => ({
	computeDd: (_state: unknown, _backend: string, onPartial: OnPartial) =>
		new Promise<DdResults | null>((resolve, reject) => sweeps.push({ onPartial, resolve, reject })),
	supersedeSweep: () => sweeps.at(-1)?.resolve(null)
}));

/** Results of a sweep `replicates` seeds in (of 5), complete or not. */
function results(replicates: number, complete: boolean): DdResults {
	const curve = [1, 2, 3];
	return {
		family: 'relu',
		target: 'sine',
		n: 40,
		noise: 0.3,
		lambda: 0,
		seeds: 5,
		replicates,
		complete,
		ps: [10, 40, 80],
		curves: { testError: curve, trainError: curve, thetaNorm: curve, sigmaMin: curve, bias2: curve, variance: curve },
		fit: { p: 80, x: [0], truth: [0], yHat: [0], trainX: [0], trainY: [0], testError: 1, trainError: 0, thetaNorm: 1, sigmaMin: 1 },
		knobs: complete ? { noise: { levels: [0], testError: [curve] }, ridge: { lambdas: [0], testError: [curve] }, bestLambda: 0, sampleWise: null } : null,
		featureCheck: [replicates]
	};
}

async function open() {
	sweeps.length = 0;
	history.replaceState({}, '', '/labs/double-descent');
	const controller = new DdController();
	// Its delayed URL write must not fire after the test's DOM is gone.
	onTestFinished(() => controller.dispose());
	render(LabFigureHarness, { controller, figures: doubleDescent.figures, figure: SweepStatus });
	void controller.connect(new URL(location.href));
	await waitFor(() => expect(sweeps.length).toBe(1));
	return { controller, sweep: sweeps[0] };
}

describe('the double-descent sweep, staged', () => {
	it('is ready with the first seed, then takes the complete sweep', async () => {
		const { controller, sweep } = await open();
		sweep.onPartial(results(0, false), 0.1);
		await new Promise((done) => setTimeout(done, 10));
		expect(controller.status, 'part of the first seed is not ready yet').toBe('loading');
		sweep.onPartial(results(1, false), 0.3);
		await waitFor(() => expect(controller.status).toBe('ready'));
		expect(controller.results?.replicates).toBe(1);
		expect(controller.results?.knobs).toBeNull();
		expect(controller.laterPending).toBe(true);
		sweep.resolve(results(5, true));
		await waitFor(() => expect(controller.results?.complete).toBe(true));
		expect(controller.results?.replicates).toBe(5);
		expect(controller.results?.knobs).not.toBeNull();
		expect(controller.laterPending).toBe(false);
	});

	it('a sweep with no partial result lands whole', async () => {
		const { controller, sweep } = await open();
		sweep.resolve(results(5, true));
		await waitFor(() => expect(controller.status).toBe('ready'));
		expect(controller.results?.complete).toBe(true);
		expect(controller.laterPending).toBe(false);
	});

	it('a sweep that fails after its first seed leaves the lab ready and says so, with a Retry', async () => {
		const { controller, sweep } = await open();
		sweep.onPartial(results(1, false), 0.3);
		await waitFor(() => expect(controller.status).toBe('ready'));
		sweep.reject(new Error('The sweep worker stopped: out of memory.'));
		await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/failed after its first seed/));
		expect(controller.status).toBe('ready');
		expect(controller.results?.replicates).toBe(1);
		screen.getByRole('button', { name: 'Retry' }).click();
		await waitFor(() => expect(sweeps.length).toBe(2));
	});

	it('a quick sweep (a λ move) reaches the figures once: from the old results straight to the new, never back', async () => {
		const { controller, sweep } = await open();
		const before = results(5, true);
		sweep.resolve(before);
		await waitFor(() => expect(controller.results).toBe(before));
		// Every value the figures' view takes, in order (a repeat of the last one is no redraw).
		const views: unknown[] = [];
		const stop = $effect.root(() => {
			$effect(() => {
				const view = controller.view;
				if (views.at(-1) !== view) views.push(view);
			});
		});
		flushSync();
		// What LabShell's effect does on a control change.
		controller.set({ lambda: 0.01 });
		controller.refresh();
		await waitFor(() => expect(sweeps.length).toBe(2));
		const after = results(5, true);
		sweeps[1].resolve(after);
		await waitFor(() => expect(controller.results).toBe(after));
		flushSync();
		stop();
		expect(views).toEqual([before, after]);
	});
});
