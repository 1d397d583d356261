/**
 * The browser tests: `npm run test:e2e` (after `npm run build`). Each file drives Debian's
 * Chromium (playwright-core) against build/ served on a free localhost port by global-setup.ts.
 *
 * Two groups, one after the other. Most files run two at a time: a single Chromium leaves about a
 * third of the two cores idle (waiting on the model worker, on paint, on timeouts), and the suite
 * must stay under 20 minutes. The files that measure time or memory (long tasks, the model-ready
 * bound, fault timing, the heap, the slide fit that settles as content lands) run after them,
 * alone, so that a neighbour's load never decides their result.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Files whose results depend on having the machine to themselves. */
const ALONE = ['bounds', 'faults', 'longtasks', 'memory', 'present', 'deviceLost'].map((name) => `tests/e2e/${name}.e2e.ts`);

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
				test: { name: 'e2e-alone', include: ALONE, fileParallelism: false, sequence: { groupOrder: 1 } }
			}
		]
	}
});
