/**
 * The browser tests: `npm run test:e2e` (after `npm run build`). Each file drives Debian's
 * Chromium (playwright-core) against build/ served on a free localhost port by global-setup.ts.
 * Files run one at a time: two cores, and Chromium with SwiftShader is heavy.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
	root,
	// The tests read the lab registry, which uses the app's aliases.
	resolve: { alias: { $lib: `${root}src/lib`, $labs: `${root}labs` } },
	test: {
		name: 'e2e',
		environment: 'node',
		include: ['tests/e2e/**/*.e2e.ts'],
		globalSetup: ['tests/e2e/global-setup.ts'],
		fileParallelism: false,
		testTimeout: 120_000,
		hookTimeout: 60_000,
		reporters: ['default']
	}
});
