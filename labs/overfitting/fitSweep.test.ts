/**
 * Figure 6's sweep (recorded/fit-sweep.json): fresh runs give the committed epochs, and the
 * spec's fact holds on it: with every label redrawn the network still fits them all, later than
 * the true labels (Zhang et al. 2017).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import '../../tests/support/ort';
import { recordingPath } from '../../scripts/record/registry';
import { FIT_RHOS, fitRatio, type RecordedFitSweep } from './fitSweep';
import { schema } from './lab';
import { recordFitSweep } from './recordingFitSweep';

const committed = JSON.parse(readFileSync(recordingPath('overfitting/fit-sweep'), 'utf8')) as RecordedFitSweep;
const fits = committed.fits.map(([rho, epoch]) => ({ rho, epoch }));

describe('figure 6: epochs to fit against ρ, recorded at build time', () => {
	it('holds every ρ of the sweep, at the default settings', () => {
		expect(committed.settings).toEqual({ n: schema.n.default, width: schema.width.default, epochs: schema.epochs.default, lr: schema.lr.default, seed: schema.seed.default });
		expect(committed.fits.map(([rho]) => rho)).toEqual([...FIT_RHOS]);
	});

	it('equals fresh runs at ρ = 0 and ρ = 1', { timeout: 300_000 }, async () => {
		const fresh = await recordFitSweep(ort, [0, 1]);
		expect(fresh.fits).toEqual(committed.fits.filter(([rho]) => rho === 0 || rho === 1));
	});

	it('fits every ρ within the epochs, random labels later than true ones', () => {
		for (const f of fits) expect(f.epoch, `ρ = ${f.rho}`).not.toBeNull();
		expect(fits.at(-1)!.epoch!).toBeGreaterThan(fits[0].epoch!);
		expect(fitRatio(fits)).toBe(fits.at(-1)!.epoch! / fits[0].epoch!);
	});
});
