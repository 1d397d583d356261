/**
 * The order in which one pipeline stage runs its forward (F) and backward (B) passes, for the
 * three schedules of figure 4:
 * - GPipe (Huang et al. 2019): every forward, then every backward.
 * - 1F1B (PipeDream-Flush, Narayanan et al. 2021): p − s − 1 warm-up forwards on stage s, then
 *   one forward and one backward in turn, then the remaining backwards; at most p micro-batches
 *   wait for their backward on the first stage.
 * - Interleaved 1F1B (Megatron-LM, Narayanan et al. 2021): each stage holds v model chunks;
 *   forwards go through the chunks in groups of p micro-batches, with (p − s − 1)·2 + (v − 1)·p
 *   warm-up forwards. Megatron requires m to be a multiple of p; so does this.
 */

export type Schedule = 'gpipe' | '1f1b' | 'interleaved';

export interface PipelineStep {
	pass: 'F' | 'B';
	microbatch: number;
	/** Model chunk on this stage, 0…v−1 (always 0 unless interleaved). */
	chunk: number;
}

/** Stage `s`'s passes, in order, for `p` stages, `m` micro-batches and `v` chunks. */
export function stageOrder(schedule: Schedule, p: number, m: number, v: number, s: number): PipelineStep[] {
	if (schedule === 'gpipe') {
		const f = Array.from({ length: m }, (_, i): PipelineStep => ({ pass: 'F', microbatch: i, chunk: 0 }));
		const b = Array.from({ length: m }, (_, i): PipelineStep => ({ pass: 'B', microbatch: i, chunk: 0 }));
		return [...f, ...b];
	}
	const chunks = schedule === 'interleaved' ? v : 1;
	const total = m * chunks;
	// The k-th forward (or backward) of this stage, in Megatron's order.
	const nth = (k: number, pass: 'F' | 'B'): PipelineStep => {
		const group = p * chunks;
		const inGroup = k % group;
		const c = Math.floor(inGroup / p);
		return {
			pass,
			microbatch: Math.floor(k / group) * p + (k % p),
			chunk: pass === 'F' ? c : chunks - 1 - c
		};
	};
	const warmup = Math.min(total, chunks === 1 ? p - s - 1 : (p - s - 1) * 2 + (chunks - 1) * p);
	const out: PipelineStep[] = [];
	let f = 0;
	let b = 0;
	while (f < warmup) out.push(nth(f++, 'F'));
	while (f < total) {
		out.push(nth(f++, 'F'));
		out.push(nth(b++, 'B'));
	}
	while (b < total) out.push(nth(b++, 'B'));
	return out;
}

/** Why a schedule cannot run with these sizes, or null when it can. */
export function scheduleProblem(schedule: Schedule, p: number, m: number, v: number): string | null {
	if (schedule === 'interleaved' && p > 1 && m % p !== 0) return `the interleaved schedule needs m to be a multiple of p (m ${m}, p ${p})`;
	if (schedule === 'interleaved' && v < 1) return 'the interleaved schedule needs at least one chunk';
	return null;
}
