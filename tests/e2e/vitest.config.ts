/**
 * The browser tests: `npm run test:e2e` (after `npm run build`). Each file drives Debian's
 * Chromium (playwright-core) against build/ served on a free localhost port by global-setup.ts.
 *
 * Two groups, one after the other. Most files load pages and wait on them (a page's load, its
 * model, a frame, a posted message, a training run) and leave a core idle while they do: they run
 * two at a time. The files that time the main thread keep the machine to themselves, one at a
 * time: a test that times a task must not share the cores. bounds.e2e.ts times a whole page
 * against the 10 s a reader may wait: it took 4.5 s for its slowest lab alone, and failed at 14 s
 * beside another file on a slow day.
 *
 * The files that train in the browser (training, quantization, overfitting) ran alone too, when
 * every fresh browser context also cost 1.7–2.6 s of CPU for Chromium's own omnibox pages
 * (support/chromium.ts). Without that, they share: they assert numbers, not times, and their
 * generous timeouts hold; one after the other they were 250 s of a 1040 s e2e run.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Files that need the machine to themselves (see above). */
const ALONE = ['longtasks', 'bounds'].map((name) => `tests/e2e/${name}.e2e.ts`);

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
