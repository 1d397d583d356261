/**
 * RunControls and RunList driving a LiveRun with a fake job: Start turns into Pause and Resume,
 * Reset clears, the rows show each status word, and the stoppable form keeps its start buttons
 * and stops every run.
 */
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { LiveRun } from '$lib/state/liveRun.svelte';
import RunControls from '$lib/ui/RunControls.svelte';
import RunList from '$lib/ui/RunList.svelte';

/** A run whose job reports "running" and then waits until it is ended. */
function waitingRun() {
	return new LiveRun<number>({
		tracks: () => [
			{ id: 'a', label: 'Run A', data: null },
			{ id: 'b', label: 'Run B', data: null }
		],
		job: async (_s, run) => {
			run.update(0, { status: 'running', maxSteps: 10 });
			run.update(1, { status: 'diverged', message: 'The loss became NaN at step 3.' });
			await new Promise<void>((resolve) => run.signal.addEventListener('abort', () => resolve()));
		}
	});
}

/** Clicks a button (by its name, or the element itself) and lets Svelte apply the change. */
async function press(button: string | HTMLElement) {
	await fireEvent.click(typeof button === 'string' ? screen.getByRole('button', { name: button }) : button);
	flushSync();
}

describe('RunControls', () => {
	it('Start, Pause, Resume and Reset drive the run', async () => {
		const run = waitingRun();
		render(RunControls, { run, label: 'Training controls', onstart: () => void run.start(1), startLabel: 'Start training', againLabel: 'Train again' });
		expect(screen.getByRole('group', { name: 'Training controls' })).toBeTruthy();
		expect((screen.getByRole('button', { name: 'Reset' }) as HTMLButtonElement).disabled).toBe(true);
		await press('Start training');
		expect(run.phase).toBe('running');
		await press('Pause');
		expect(run.phase).toBe('paused');
		await press('Resume');
		expect(run.phase).toBe('running');
		await press('Reset');
		expect(run.phase).toBe('idle');
		expect(screen.getByRole('button', { name: 'Start training' })).toBeTruthy();
	});

	it('the stoppable form keeps its start buttons and Stop cancels every run', async () => {
		const runs = [waitingRun(), waitingRun()];
		const starts = runs.map((run, i) => ({ label: `Run ${i + 1}`, onclick: () => void run.start(i) }));
		render(RunControls, { run: runs, label: 'Sampler controls', pausable: false, starts });
		const stop = screen.getByRole('button', { name: 'Stop' }) as HTMLButtonElement;
		expect(stop.disabled).toBe(true);
		await press('Run 2');
		expect(stop.disabled).toBe(false);
		expect(screen.getByRole('button', { name: 'Run 1' })).toBeTruthy();
		await press(stop);
		// The running row stops; the diverged one keeps its word.
		expect(runs[1].tracks.map((t) => t.status)).toEqual(['cancelled', 'diverged']);
		expect(stop.disabled).toBe(true);
	});
});

describe('RunList', () => {
	it('shows each row with its status word and why a run stopped', async () => {
		const run = waitingRun();
		void run.start(1);
		render(RunList, { tracks: run.tracks, color: () => 'red' });
		const rows = screen.getAllByRole('listitem');
		expect(rows.map((r) => r.dataset.status)).toEqual(['running', 'diverged']);
		expect(rows[0].textContent).toContain('Run A');
		expect(rows[0].textContent).toContain('training');
		expect(rows[1].textContent).toContain('diverged');
		expect(rows[1].textContent).toContain('The loss became NaN at step 3.');
		run.reset();
	});
});
