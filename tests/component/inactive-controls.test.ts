/**
 * Controls that do nothing in the current state are disabled with the reason beside them, from
 * the rules a lab declares (`inactive` in lab.ts); neighbours with one reason share one line.
 */
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { LabController } from '$lib/state/labController.svelte';
import { vanishingGradients } from '../../labs/vanishing-gradients/lab';
import { diffusionSchedules } from '../../labs/diffusion-schedules/lab';
import SchemaControlsHarness from './harness/SchemaControlsHarness.svelte';

const idle = async () => null;

// Importing a whole lab's declaration is slow on a busy machine.
describe('inactive controls', { timeout: 30_000 }, () => {
	it('disables σ under Xavier with the reason, and enables it for the custom init', () => {
		const controller = new LabController(vanishingGradients.schema, idle);
		render(SchemaControlsHarness, { controller, lab: vanishingGradients });
		const sigma = screen.getByLabelText('σ (custom init)');
		expect(controller.state.init).toBe('xavier');
		expect(sigma).toBeDisabled();
		const group = sigma.closest('fieldset');
		expect(group).toHaveAccessibleDescription(/Xavier sets σ from the layer width/);
		expect(screen.getByText(/Xavier sets σ from the layer width/)).toBeVisible();
		// Its neighbours act, and stay enabled.
		expect(screen.getByLabelText('Depth (hidden layers)')).toBeEnabled();

		(controller.state as Record<string, unknown>).init = 'custom';
		flushSync();
		expect(screen.getByLabelText('σ (custom init)')).toBeEnabled();
		expect(screen.queryByText(/sets σ from the layer width/)).toBeNull();

		(controller.state as Record<string, unknown>).init = 'he';
		flushSync();
		expect(screen.getByLabelText('σ (custom init)')).toBeDisabled();
		expect(screen.getByText(/He sets σ from the layer width/)).toBeInTheDocument();
	});

	it('gives the five custom-schedule knots one shared reason until custom is chosen or compared', () => {
		const controller = new LabController(diffusionSchedules.schema, idle);
		render(SchemaControlsHarness, { controller, lab: diffusionSchedules, keys: ['schedule', 'compare', 'k0', 'k1', 'k2', 'k3', 'k4'] });
		const knots = ['0', 'T/4', 'T/2', '3T/4', 'T'].map((at) => screen.getByLabelText(`Custom log-SNR at t = ${at}`));
		for (const knot of knots) expect(knot).toBeDisabled();
		const reasons = screen.getAllByText(/shape the custom schedule/);
		expect(reasons).toHaveLength(1);
		const group = knots[0].closest('fieldset')!;
		for (const knot of knots) expect(group).toContainElement(knot);
		expect(within(group).getByText(/shape the custom schedule/)).toBeInTheDocument();

		(controller.state as Record<string, unknown>).compare = 'custom';
		flushSync();
		for (const at of ['0', 'T/4', 'T/2', '3T/4', 'T']) expect(screen.getByLabelText(`Custom log-SNR at t = ${at}`)).toBeEnabled();
		expect(screen.queryByText(/shape the custom schedule/)).toBeNull();
	});

	it('keeps a disabled control at its value (the state and the link are untouched)', async () => {
		history.replaceState({}, '', '/lab?sigma=0.5');
		const controller = new LabController(vanishingGradients.schema, idle);
		render(SchemaControlsHarness, { controller, lab: vanishingGradients, keys: ['init', 'sigma'] });
		await waitFor(() => expect(controller.state.sigma).toBe(0.5));
		expect(screen.getByLabelText('σ (custom init)')).toBeDisabled();
		expect(screen.getByLabelText('σ (custom init)')).toHaveAttribute('aria-valuetext', '0.5');
		expect(controller.query()).toBe('sigma=0.5');
		history.replaceState({}, '', '/');
	});
});
