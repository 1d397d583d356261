/**
 * Numbers the diffusion article types, checked against the code that makes them true (the rest
 * are rendered live: the 1% crossing by LinearCrossing.svelte, DDIM's spread by DdimSpreadTable).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHIPPED_SHAPE } from './model';
import { LIVE } from './liveTraining';
import { COSINE_S, LINEAR_BETA_END, LINEAR_BETA_START, MAX_BETA } from './schedules';

const article = readFileSync(new URL('./index.svx', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const script = readFileSync(new URL('../../scripts/train/diffusionDenoisers.ts', import.meta.url), 'utf8');
const controller = readFileSync(new URL('./controller.svelte.ts', import.meta.url), 'utf8');
const words = ['one', 'two', 'three', 'four'];

describe('the diffusion article’s typed numbers', () => {
	it('schedule constants (DDPM and improved DDPM)', () => {
		expect(LINEAR_BETA_START).toBe(1e-4);
		expect(LINEAR_BETA_END).toBe(0.02);
		expect(article).toContain('$\\beta_t$ from $10^{-4}$ to $0.02$ over $T = 1000$');
		expect(article).toContain(`s = ${COSINE_S}`);
		expect(article).toContain(`clipped at $${MAX_BETA}$`);
	});

	it('denoiser sizes, label dropout and the quality sample size', () => {
		expect(article).toContain(`${words[SHIPPED_SHAPE.depth - 1]} hidden layers of ${SHIPPED_SHAPE.width} units`);
		expect(article).toContain(`${words[LIVE.depth - 1]} layers of ${LIVE.width} units`);
		expect(script).toContain('dropLabel: 0.1');
		expect(article).toContain('trained with the label dropped 10% of the time');
		expect(controller).toMatch(/QUALITY_COUNT = 250;/);
		expect(article).toContain('between 250 samples and 250 held-out data points');
	});
});
