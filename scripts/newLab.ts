/**
 * `npm run new-lab -- <slug>`: writes a working minimal lab to `labs/<slug>/` and adds its line to
 * `src/lib/labs/registry.ts`. The lab has one slider (a gain g), one chart of y = tanh(g·x)
 * computed by a one-node ONNX graph built with GraphBuilder and run through the site's runtime,
 * a model test (ONNX output against a TypeScript reference) and one scene. It follows
 * docs/ADDING-A-LAB.md file for file; replace the maths, keep the shape.
 *
 * tests/unit/scaffold.test.ts runs this in a copy of the repo, then the type check and the new
 * lab's test there, so the recipe cannot rot.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REGISTRY = join(ROOT, 'src/lib/labs/registry.ts');

const slug = process.argv[2] ?? '';
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(slug)) {
	console.error(`usage: npm run new-lab -- <slug>   (lower-case words joined by "-", e.g. "attention-sinks"; got "${slug}")`);
	process.exit(1);
}
const dir = join(ROOT, 'labs', slug);
if (existsSync(dir)) {
	console.error(`labs/${slug} already exists`);
	process.exit(1);
}

const words = slug.split('-');
/** attention-sinks → attentionSinks (the declaration), AttentionSinks (the types). */
const camel = words[0] + words.slice(1).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const pascal = camel[0].toUpperCase() + camel.slice(1);
const title = words.join(' ').replace(/^./, (c) => c.toUpperCase());

const files: Record<string, string> = {
	'lab.ts': `/** The ${slug} lab, declared once: its controls (URL state), scenes, figures and what loads them. */
import { defineLab } from '$lib/labs/defineLab';
import type { Schema } from '$lib/state/schema';

export const schema = {
	gain: { kind: 'number', label: 'Gain g', min: 0.1, max: 4, default: 1 }
} satisfies Schema;

export type ${pascal}Schema = typeof schema;

export const ${camel} = defineLab({
	slug: '${slug}',
	title: '${title}',
	summary: 'One slider, one chart, one tiny ONNX model: the starting point of a new lab.',
	questions: ['What does the gain g do to tanh(g·x)?'],
	schema,
	scenes: [
		{
			id: 'steep',
			title: 'Gain 4: nearly a step',
			caption: 'With a large gain, tanh(g·x) saturates within a short distance of zero.',
			state: { gain: 4 },
			figures: ['curve']
		}
	],
	figures: [
		// Set embeddable once the figure stands on its own: its embed, gallery entry, oEmbed response
		// and link-preview card follow (the build pictures it; nothing to commit).
		{ id: 'curve', title: 'tanh(g·x), computed by the model', embeddable: false, component: () => import('./CurveFigure.svelte') }
	],
	bench: { key: 'gain', values: [1.5, 1] },
	article: () => import('./index.svx'),
	controller: () => import('./controller.svelte').then((m) => m.${pascal}Controller)
});
`,

	'model.ts': `/**
 * The lab's ONNX graph, written with the graph builder: y = tanh(g · x) for a grid of x and the
 * gain g, both graph inputs, so one graph (and one session) serves every slider position.
 */
import { GraphBuilder } from '$lib/onnx/graph';

export const CURVE_INPUTS = { x: 'x', gain: 'gain' } as const;
export const CURVE_OUTPUT = 'y';

/** The x values the chart draws: POINTS evenly spaced over X_RANGE. */
export const X_RANGE = [-3, 3] as const;
export const POINTS = 121;

export function xGrid(): Float32Array {
	const [lo, hi] = X_RANGE;
	return Float32Array.from({ length: POINTS }, (_, i) => lo + ((hi - lo) * i) / (POINTS - 1));
}

export function buildCurveGraph(): GraphBuilder {
	const g = new GraphBuilder('${slug}');
	const x = g.input(CURVE_INPUTS.x, [POINTS]);
	const gain = g.input(CURVE_INPUTS.gain, [1]);
	g.output(g.tanh(g.mul(x, gain)), CURVE_OUTPUT);
	return g;
}
`,

	'reference.ts': `/** The model's maths in plain TypeScript, for the model test. */
export function curveReference(xs: ArrayLike<number>, gain: number): number[] {
	return Array.from(xs, (x) => Math.tanh(gain * x));
}
`,

	'summary.ts': `/** From the model's raw outputs to what the figure draws: plain arrays (the e2e tests compare backends on them). */
export interface ${pascal}Results {
	xs: number[];
	ys: number[];
}

export function summarize(xs: Float32Array, ys: Float32Array): ${pascal}Results {
	return { xs: Array.from(xs), ys: Array.from(ys) };
}
`,

	'compute.ts': `/**
 * Runs the lab's ONNX model for one state on the chosen backend and turns its outputs into the
 * numbers the figure draws. The graph is built once; its session is cached by the runtime.
 */
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession } from '$lib/onnx/session';
import type { StateOf } from '$lib/state/schema';
import type { ${pascal}Schema } from './lab';
import { buildCurveGraph, CURVE_INPUTS, CURVE_OUTPUT, xGrid } from './model';
import { summarize, type ${pascal}Results } from './summary';

export async function compute${pascal}(state: StateOf<${pascal}Schema>, backend: Backend): Promise<${pascal}Results> {
	const session = await getSession(backend, '${slug}-curve', () => buildCurveGraph().toBytes());
	const xs = xGrid();
	const outputs = await runSession(session, {
		[CURVE_INPUTS.x]: { data: xs, dims: [xs.length] },
		[CURVE_INPUTS.gain]: { data: Float32Array.of(state.gain), dims: [1] }
	});
	return summarize(xs, outputs[CURVE_OUTPUT].data);
}
`,

	'controller.svelte.ts': `/** The lab's controller: URL state in, model results out. The model code loads lazily. */
import { getLabController } from '$lib/state/context';
import { LabController } from '$lib/state/labController.svelte';
import { schema, type ${pascal}Schema } from './lab';
import type { ${pascal}Results } from './summary';

let computeModule: typeof import('./compute') | undefined;

export class ${pascal}Controller extends LabController<${pascal}Schema, ${pascal}Results> {
	constructor() {
		super(schema, async (state, backend) => {
			// Everything that touches ONNX (builder, encoder, runtime) arrives in a later chunk,
			// imported once: an import() on every change queues each run behind the redraw.
			const { compute${pascal} } = (computeModule ??= await import('./compute'));
			return compute${pascal}(state, backend);
		});
	}
}

export const get${pascal}Controller = () => getLabController<${pascal}Schema, ${pascal}Results>() as ${pascal}Controller;
`,

	'CurveFigure.svelte': `<!-- The lab's one figure: y = tanh(g·x) as the model computed it. -->
<script lang="ts">
	import { AxisX, AxisY, Chart, Line } from '$lib/viz';
	import Figure from '$lib/ui/Figure.svelte';
	import { get${pascal}Controller } from './controller.svelte';
	import { X_RANGE } from './model';

	const lab = get${pascal}Controller();
	const results = $derived(lab.results);
	const points = $derived(results ? results.xs.map((x, i) => ({ x, y: results.ys[i] })) : []);
	const summary = $derived(
		results
			? \`At gain \${lab.state.gain}, y reaches \${results.ys[results.ys.length - 1].toFixed(3)} at x = \${X_RANGE[1]}.\`
			: 'Waiting for the model to run.'
	);
	const data = $derived({ columns: ['x', 'y'], rows: points.map((p) => [p.x, p.y]) });
</script>

<Figure figure="curve" caption="Move the gain: the larger it is, the sooner the curve saturates at ±1." {summary} {data}>
	<Chart x={[X_RANGE[0], X_RANGE[1]]} y={[-1.05, 1.05]} nice={false} aspect={2} title="tanh(g·x)" desc={summary}>
		<AxisY grid label="y" ticks={5} />
		<AxisX label="x" />
		<Line data={points} />
	</Chart>
</Figure>
`,

	'index.svx': `<script>
	import CurveFigure from './CurveFigure.svelte';
</script>

The article goes here: prose, math typeset at build time and the figures placed inline. The
chart below is computed in your browser by a one-node ONNX graph, $y = \\tanh(g\\,x)$, for the gain
$g$ set in the control panel.

<CurveFigure />
`,

	'model.test.ts': `/** The lab's ONNX graph on onnxruntime-web (WASM, in Node) against the TypeScript reference. */
import { describe, expect, it } from 'vitest';
import { runModel } from '../../tests/support/ort';
import { buildCurveGraph, CURVE_INPUTS, CURVE_OUTPUT, POINTS, xGrid } from './model';
import { curveReference } from './reference';

describe('${slug} model', () => {
	it.each([0.1, 1, 4])('computes tanh(g·x) at g = %s', async (gain) => {
		const xs = xGrid();
		const outputs = await runModel(buildCurveGraph().toBytes(), {
			[CURVE_INPUTS.x]: { data: xs, dims: [xs.length] },
			[CURVE_INPUTS.gain]: { data: Float32Array.of(gain), dims: [1] }
		});
		const ys = outputs[CURVE_OUTPUT].data;
		expect(ys).toHaveLength(POINTS);
		const want = curveReference(xs, gain);
		for (let i = 0; i < POINTS; i++) expect(ys[i]).toBeCloseTo(want[i], 6);
	});
});
`
};

mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);

// The registry: one import and one entry at the end of liveLabs.
const registry = readFileSync(REGISTRY, 'utf8');
const imports = [...registry.matchAll(/^import \{ \w+ \} from '\$labs\/[^']+\/lab';$/gm)];
const list = /(export const liveLabs: Lab\[\] = \[\n)([\s\S]*?)(\n\];)/.exec(registry);
if (imports.length === 0 || !list) throw new Error('src/lib/labs/registry.ts no longer has the shape this script edits');
const lastImport = imports[imports.length - 1];
const at = lastImport.index + lastImport[0].length;
const withImport = `${registry.slice(0, at)}\nimport { ${camel} } from '$labs/${slug}/lab';${registry.slice(at)}`;
const updated = withImport.replace(
	/(export const liveLabs: Lab\[\] = \[\n)([\s\S]*?)(\n\];)/,
	(_, open: string, body: string, close: string) => `${open}${body.trimEnd().replace(/,$/, '')},\n\t${camel}${close}`
);
writeFileSync(REGISTRY, updated);

console.log(`Wrote labs/${slug}/ (${Object.keys(files).join(', ')}) and added it to src/lib/labs/registry.ts.
Next: npm run dev and open /labs/${slug}; npx vitest run labs/${slug}; then see docs/ADDING-A-LAB.md.`);
