/**
 * The recipe in docs/ADDING-A-LAB.md cannot rot: `npm run new-lab` scaffolds a lab into a copy of
 * the repo, and there the new lab and the registry that lists it type-check (with all they
 * import: every lab's declaration, the platform) and the new lab's model test passes.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Not copied: dependencies (linked instead), build output, caches, history. */
const SKIP = new Set(['node_modules', 'build', '.svelte-kit', '.git', 'test-results', 'bench-results']);
const SLUG = 'scaffold-probe';
/** What the type check diagnoses: SvelteKit's and our ambient types, the registry, the new lab. */
const SCAFFOLD_CHECKED = [
	'.svelte-kit/ambient.d.ts',
	'.svelte-kit/non-ambient.d.ts',
	'.svelte-kit/types/**/$types.d.ts',
	'src/**/*.d.ts',
	'src/lib/labs/registry.ts',
	`labs/${SLUG}/**/*.ts`,
	`labs/${SLUG}/**/*.svelte`
];

// The child vitest must not think it runs inside this one; plain output, to match on.
const env = {
	...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'FORCE_COLOR')),
	NO_COLOR: '1'
};

describe('npm run new-lab', () => {
	let dir: string;
	const run = (bin: string, args: string[]) =>
		execFileSync(join(dir, 'node_modules/.bin', bin), args, { cwd: dir, env, encoding: 'utf8', stdio: 'pipe' });

	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'vlab-scaffold-'));
		cpSync(ROOT, dir, { recursive: true, filter: (src) => !SKIP.has(relative(ROOT, src).split(sep)[0]) });
		symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	test('refuses a slug that is not lower-case words joined by "-"', () => {
		expect(() => run('tsx', ['scripts/newLab.ts', 'Bad_Slug'])).toThrow(/usage/);
		expect(existsSync(join(dir, 'labs/Bad_Slug'))).toBe(false);
	});

	test('writes a lab that type-checks, is registered, and whose model test passes', () => {
		run('tsx', ['scripts/newLab.ts', SLUG]);
		expect(readFileSync(join(dir, 'src/lib/labs/registry.ts'), 'utf8')).toMatch(
			/import \{ scaffoldProbe \} from '\$labs\/scaffold-probe\/lab';[\s\S]*export const liveLabs: Lab\[\] = \[[^\]]*\w,\n\tscaffoldProbe\n\];/
		);
		// svelte-check exits non-zero on any error or warning (execFileSync then throws with its output).
		// It diagnoses the files the tsconfig includes: the scaffold's, and the one file outside
		// its folder that it edits. The rest of the project is `npm run check`'s, unchanged here;
		// checking it all again took this test from about 30 to 57 s on two busy cores.
		run('svelte-kit', ['sync']);
		writeFileSync(join(dir, 'tsconfig.scaffold.json'), JSON.stringify({ extends: './tsconfig.json', include: SCAFFOLD_CHECKED }));
		const check = run('svelte-check', ['--tsconfig', './tsconfig.scaffold.json', '--fail-on-warnings', '--output', 'machine']);
		expect(check).toMatch(/COMPLETED \d+ FILES 0 ERRORS 0 WARNINGS/);
		const tests = run('vitest', ['run', '--project', 'node', `labs/${SLUG}`]);
		expect(tests).toMatch(/Tests\s+3 passed/);
	}, 300_000);
});
