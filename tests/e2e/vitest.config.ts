/**
 * The browser tests: `npm run test:e2e` (after `npm run build`). Each file drives Debian's
 * Chromium (playwright-core) against build/ served on a free localhost port by global-setup.ts.
 *
 * Two groups, one after the other. Most files load pages and wait on them (a page's load, its
 * model, a frame, a posted message) and leave a core idle while they do: they run two at a time.
 * The files that train in the browser or time the main thread keep the machine to themselves,
 * one at a time, as every file did before: their runs fill both cores, and a test that times a
 * task must not share them. bounds.e2e.ts times a whole page against the 10 s a reader may wait:
 * it took 4.5 s for its slowest lab alone, and failed at 14 s beside another file on a slow day.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Files that need the machine to themselves (see above). */
const ALONE = ['training', 'quantization', 'overfitting', 'longtasks', 'bounds'].map(
	(name) => `tests/e2e/${name}.e2e.ts`
);

export default defineConfig({
	root,
	// The tests read the lab registry, which uses the app's aliases.
	resolve: { alias: { $lib: `${root}src/lib`, $labs: `${root}labs` } },
	test: {
		environment: 'node',
		globalSetup: ['tests/e2e/global-setup.ts'],
		testTimeout: 120_000,
		hookTimeout: 60_000,
		reporters: ['default'],
		projects: [
			{
				extends: true,
				test: { name: 'e2e', include: ['tests/e2e/**/*.e2e.ts'], exclude: ALONE, maxWorkers: 2, sequence: { groupOrder: 0 } }
			},
			{
				extends: true,
				test: { name: 'e2e-alone', include: ALONE, maxWorkers: 1, sequence: { groupOrder: 1 } }
			}
		]
	}
});
