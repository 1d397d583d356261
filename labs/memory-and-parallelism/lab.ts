/** The memory-and-parallelism lab, declared once: its controls (URL state), scenes, figures and what loads them. */
import { articleFigure, embeddableFigure, enumField, options } from '$lib/labs/declare';
import { defineLab } from '$lib/labs/defineLab';
import { figureRefs } from '$lib/labs/figureNumbers';
import type { Schema, StateOf } from '$lib/state/schema';

// Declared first: captions name figures by their number, which is their place here.
const figures = [
	articleFigure('bytes', 'Where the bytes go, per GPU (analytic)', () => import('./BytesFigure.svelte')),
	articleFigure('activations', 'Activations, term by term (analytic)', () => import('./ActivationsFigure.svelte')),
	embeddableFigure('sharding', 'Sharding: which slice each GPU holds (analytic)', () => import('./ShardingFigure.svelte'), [
		'L',
		'h',
		'V',
		'prec',
		'zero',
		'gpus',
		't',
		'p'
	]),
	embeddableFigure('timeline', 'The pipeline timeline: one training step, simulated (analytic)', () => import('./TimelineFigure.svelte'), [
		'p',
		'm',
		'sched',
		'v',
		't',
		'gpus',
		'zero',
		'overlap'
	]),
	embeddableFigure('fit', 'Will it fit, how fast? (analytic)', () => import('./FitFigure.svelte'), [
		'gpus',
		'gpn',
		't',
		'p',
		'm',
		'recompute',
		'zero',
		'sched',
		'gpu',
		'mem',
		'stall'
	]),
	articleFigure('graph', 'The formula vs a real training graph (measured on the graph)', () => import('./GraphFigure.svelte'))
] as const;
const fig = figureRefs(figures);

const precisions = options({ mixed: 'mixed (fp16/bf16 + fp32 master)', fp32: 'fp32' });
const recomputes = options({ none: 'none (keep everything)', selective: 'selective (attention only)', full: 'full (every layer)', 'every-k': 'every k layers' });
const schedules = options({ '1f1b': '1F1B', gpipe: 'GPipe', interleaved: 'interleaved 1F1B' });
const gpuModels = options({ a100: 'A100 80 GB', h100: 'H100 80 GB', custom: 'custom' });
/**
 * Figure 6's width and heads: powers of two over the spec's ranges (16–128, 1–8), so the heads
 * always divide the width and every pair in a link builds a graph. Listed out: options() would
 * put whole-number keys in numeric order anyway, and the labels say what they are.
 */
const graphWidths = ['16', '32', '64', '128'].map((v) => ({ value: v, label: v })) as readonly { value: '16' | '32' | '64' | '128'; label: string }[];
const graphHeads = ['1', '2', '4', '8'].map((v) => ({ value: v, label: v })) as readonly { value: '1' | '2' | '4' | '8'; label: string }[];

/**
 * The controls figures 1–3 need. Everything here is closed-form arithmetic, cheap at every
 * value, so the maxima are the spec's.
 */
export const schema = {
	L: { kind: 'int', label: 'Layers L', min: 1, max: 128, default: 32 },
	h: { kind: 'int', label: 'Width h (d_model)', min: 256, max: 32768, default: 4096 },
	a: { kind: 'int', label: 'Heads a', min: 1, max: 256, default: 32 },
	V: { kind: 'int', label: 'Vocabulary V', min: 1000, max: 256000, default: 32000 },
	s: { kind: 'int', label: 'Sequence s', min: 128, max: 131072, default: 4096 },
	b: { kind: 'int', label: 'Micro-batch b', min: 1, max: 64, default: 1 },
	prec: enumField('Precision', precisions, 'mixed'),
	recompute: enumField('Recompute', recomputes, 'none'),
	// Always active: figure 2 draws the every-k bar whatever mode the other figures use.
	k: { kind: 'int', label: 'Checkpoint every k layers', min: 1, max: 128, default: 1 },
	zero: { kind: 'int', label: 'ZeRO stage (3 = FSDP)', min: 0, max: 3, default: 0 },
	gpus: { kind: 'int', label: 'GPUs', min: 1, max: 16384, default: 8 },
	t: { kind: 'int', label: 'Tensor parallel t', min: 1, max: 64, default: 1 },
	sp: { kind: 'bool', label: 'Sequence parallel', default: true },
	gpu: enumField('GPU', gpuModels, 'a100'),
	mem: { kind: 'number', label: 'Memory per GPU (GB)', min: 8, max: 192, default: 80 },
	// Figure 4's step: the pipeline, its schedule, and how fast compute and links run.
	gpn: { kind: 'int', label: 'GPUs per node', min: 1, max: 16, default: 8 },
	p: { kind: 'int', label: 'Pipeline stages p', min: 1, max: 64, default: 1 },
	m: { kind: 'int', label: 'Micro-batches m', min: 1, max: 512, default: 8 },
	sched: enumField('Pipeline schedule', schedules, '1f1b'),
	v: { kind: 'int', label: 'Chunks per stage v', min: 1, max: 8, default: 1 },
	eff: { kind: 'number', label: 'GEMM efficiency', min: 0.3, max: 0.9, default: 0.7 },
	overlap: { kind: 'number', label: 'Communication hidden', min: 0, max: 1, default: 0.8 },
	// Figure 5: the share of a step the GPUs wait for the next batch (a slow input pipeline).
	stall: { kind: 'number', label: 'Data stall (share of the step)', min: 0, max: 0.5, default: 0 },
	// Figure 6: the small transformer whose training graph is read (graphMemory.ts), its controls
	// drawn in that figure only (named apart from the controls of the big model above). At the
	// maxima (4 layers, h 128, s 64, b 16) its ten graph builds take tens of milliseconds once warm:
	// nothing is allocated, only shapes are read.
	mL: { kind: 'int', label: 'Graph layers', min: 1, max: 4, default: 2 },
	mh: enumField('Graph width h', graphWidths, '32'),
	ma: enumField('Graph heads a', graphHeads, '4'),
	ms: { kind: 'int', label: 'Graph sequence s', min: 8, max: 64, default: 16 },
	mb: { kind: 'int', label: 'Graph batch b', min: 1, max: 16, default: 8 }
} satisfies Schema;

export type MemoryAndParallelismSchema = typeof schema;
export type MemoryAndParallelismState = StateOf<MemoryAndParallelismSchema>;

export const memoryAndParallelism = defineLab({
	slug: 'memory-and-parallelism',
	title: 'Training memory and parallelism',
	summary:
		'Where a training run’s memory goes (parameters, gradients, Adam, activations), what mixed precision, recomputation and ZeRO/FSDP sharding save, and what they cost: the published formulas, evaluated live.',
	questions: [
		'It doesn’t fit on one GPU: what do you try, in order?',
		'Where does training memory go? Why 16 bytes per parameter with Adam?',
		'Mixed precision, checkpointing: what do they save, at what cost?',
		'Data, tensor, pipeline, FSDP/ZeRO: what is sharded, what is sent?',
		'GPUs at 40% utilization: why?',
		'Sketch a multi-GPU training setup.'
	],
	schema,
	scenes: [
		{
			id: 'one-gpu',
			title: '6.6B parameters on one A100',
			caption: `The model states alone are 16 bytes per parameter in fp32 and in mixed precision alike: far over 80 GB before a single activation (${fig('bytes')}).`,
			state: { gpus: 1 },
			figures: ['bytes']
		},
		{
			id: 'eight-gpus',
			title: 'Eight GPUs: replicate or shard?',
			caption: `Plain data parallelism copies all 16 bytes per parameter to every GPU; ZeRO-1 shards Adam and the master weights, ZeRO-3 everything, at 1.5× the traffic (${fig('sharding')}).`,
			state: { gpus: 8, recompute: 'selective', zero: 1 },
			figures: ['sharding']
		},
		{
			id: 'long-sequence',
			title: 's = 4096: the activations',
			caption: `Keeping every tensor costs more than the states; recomputing attention or whole layers trades memory for FLOPs (${fig('activations')}).`,
			state: { s: 4096 },
			figures: ['activations']
		},
		{
			id: 'pipeline',
			title: 'Four stages, four micro-batches, GPipe',
			caption: `GPipe runs every forward, then every backward: with p = 4 and m = 4 the stages idle for (p−1)/(m+p−1) = 3/7 of the step were transfers free, and the first stage holds all 4 micro-batches’ activations at once (${fig('timeline')}).`,
			state: { gpus: 8, p: 4, m: 4, sched: 'gpipe' },
			figures: ['timeline']
		},
		{
			id: 'pipeline-1f1b',
			title: 'Thirty-two micro-batches, 1F1B',
			caption: `More micro-batches shrink the bubble to 3/35 of the step at m = 32; 1F1B starts each backward as soon as it can, so the first stage never holds more than p = 4 micro-batches, where GPipe would hold all 32 (${fig('timeline')}).`,
			state: { gpus: 8, p: 4, m: 32, sched: '1f1b' },
			figures: ['timeline']
		},
		{
			id: 'gpt3',
			title: 'GPT-3 175B on 1024 A100s',
			caption: `Tensor parallelism over the 8 GPUs of a node (with sequence parallelism), 16 pipeline stages, 8 data-parallel copies, attention recomputed: every stage fits, and the step splits into compute, bubble and transfers; MFU is the share of the GPUs’ peak the model’s FLOPs use (${fig('fit')}).`,
			state: { L: 96, h: 12288, a: 96, V: 50257, s: 2048, b: 1, gpus: 1024, gpn: 8, t: 8, sp: true, p: 16, m: 64, sched: '1f1b', recompute: 'selective', zero: 0, gpu: 'a100' },
			figures: ['fit']
		}
	],
	figures,
	hero: 'bytes',
	// Figure 6 draws its model's controls beside it: they change nothing else on the page.
	drawnIn: { mL: 'graph', mh: 'graph', ma: 'graph', ms: 'graph', mb: 'graph' },
	inactive: {
		mem: (s) => (s.gpu === 'custom' ? null : 'The chosen GPU sets its memory (80 GB).'),
		sp: (s) => (s.t === 1 ? 'Sequence parallelism splits over the t tensor-parallel GPUs: t is 1.' : null),
		v: (s) => (s.sched === 'interleaved' ? null : 'Only the interleaved schedule splits a stage into chunks.'),
		sched: (s) => (s.p === 1 ? 'With one stage there is no pipeline to schedule: p is 1.' : null)
	},
	// Values the formulas can count but no real run could use: said under the control, never snapped
	// (a reader on the way from 32 to 48 heads passes through values that do not divide).
	conflicts: {
		a: (s) => (s.h % s.a === 0 ? null : `${s.a} heads do not divide h = ${s.h}: a real model’s heads are all h/a wide.`),
		t: (s) =>
			s.t > s.gpus
				? `t = ${s.t} is more than the ${s.gpus} GPUs: the figures use t = ${s.gpus}.`
				: s.a % s.t === 0
					? null
					: `t = ${s.t} does not divide the ${s.a} heads: tensor parallelism gives each GPU whole heads.`,
		p: (s) => (s.p > s.L ? `${s.p} stages for ${s.L} layers: some stages would hold no layer.` : null),
		gpus: (s) => {
			const used = s.t * s.p * Math.floor(s.gpus / (s.t * s.p));
			return used === s.gpus || used === 0 ? null : `t × p = ${s.t * s.p} does not divide ${s.gpus} GPUs: ${s.gpus - used} of them sit idle.`;
		}
	},
	checkpoints: [
		{ id: 'mixed-saving', figure: 'bytes', title: 'What mixed precision saves in model states', varies: false, derivation: 'states' },
		{ id: 'activation-factor', figure: 'activations', title: 'Doubling the sequence of a GPT-3 layer', varies: true, derivation: 'activations-derivation' },
		{ id: 'zero3-per-gpu', figure: 'sharding', title: 'ZeRO-3 bytes per GPU', varies: true, derivation: 'zero' },
		{ id: 'bubble-share', figure: 'fit', title: 'The pipeline bubble at p 4, m 8', varies: true, derivation: 'timelines' },
		{ id: 'square-tensors', figure: 'graph', title: 's × s tensors a layer keeps for backward', varies: false, derivation: 'graph-derivation' }
	],
	loadCheckpoints: () => import('./checkpoints'),
	bench: { key: 's', values: [8192, 4096] },
	// Figures 1–5 are the published formulas; figure 6 reads tensor shapes off a training graph
	// built in the page, which needs no runtime either. Its "one real step" loads the runtime
	// in the training worker when the reader presses Run, never with the page.
	runsModels: false,
	article: () => import('./index.svx'),
	controller: () => import('./controller.svelte').then((m) => m.MemoryAndParallelismController)
});
