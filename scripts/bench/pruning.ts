/**
 * `npm run bench:pruning`: the quantization lab's pruning claim, timed (spec: "90% zeros ≈ dense
 * time, half columns ≈ 0.5×"). The figure's three layers (labs/quantization/matmulTiming.ts) on
 * onnxruntime-web's WASM backend in Node, one thread: a warm-up run each, then rounds that run
 * each once in turn; the median per layer. Exits 1 on a miss.
 */
import * as ort from 'onnxruntime-web';
import { layerGraph, TIMED, timedLayers, TIMING, type Timed } from '../../labs/quantization/matmulTiming';
import { createRng } from '../../src/lib/random';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const ROUNDS = 40;
/** "≈ dense": within this share of the dense time; "≈ 0.5×": within this band. */
const SAME = 0.15;
const HALF = [0.35, 0.65] as const;

const layers = timedLayers();
const x = createRng(TIMING.seed + 1).fillNormal(new Float32Array(TIMING.tokens * TIMING.k), 1);
const feeds = { x: new ort.Tensor('float32', x, [TIMING.tokens, TIMING.k]) };
const sessions = await Promise.all(TIMED.map((t) => ort.InferenceSession.create(layerGraph(layers[t]), { executionProviders: ['wasm'] })));
for (const s of sessions) await s.run(feeds);
const times: Record<Timed, number[]> = { dense: [], zeros: [], columns: [] };
for (let round = 0; round < ROUNDS; round++)
	for (const [i, t] of TIMED.entries()) {
		const start = performance.now();
		await sessions[i].run(feeds);
		times[t].push(performance.now() - start);
	}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = Object.fromEntries(TIMED.map((t) => [t, median(times[t])])) as Record<Timed, number>;
const zeros = ms.zeros / ms.dense;
const columns = ms.columns / ms.dense;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const zerosOk = Math.abs(zeros - 1) <= SAME;
const columnsOk = columns >= HALF[0] && columns <= HALF[1];
console.log(`One ${TIMING.k} × ${TIMING.n} layer on ${TIMING.tokens} tokens, WASM (Node, one thread), median of ${ROUNDS} rounds:`);
console.log(`  dense              ${ms.dense.toFixed(2)} ms`);
console.log(`  ${100 * TIMING.zeros}% zeros          ${ms.zeros.toFixed(2)} ms  ${zeros.toFixed(2)}× dense   ${verdict(zerosOk)} (target 1 ± ${SAME})`);
console.log(`  half the columns   ${ms.columns.toFixed(2)} ms  ${columns.toFixed(2)}× dense   ${verdict(columnsOk)} (target ${HALF[0]}–${HALF[1]})`);
for (const s of sessions) await s.release();
process.exit(zerosOk && columnsOk ? 0 : 1);
