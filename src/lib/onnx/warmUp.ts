/**
 * Brings the runtime up on a backend without a lab's model: its script, its WebAssembly (or GPU
 * device) and one session of a one-node graph. A page that opens on prerendered numbers calls
 * this when it goes live, so the runtime is ready for the first control change (and a runtime
 * that cannot load is found out and said, while the prerendered figures stay).
 */
import type { Backend } from './backend';
import { GraphBuilder } from './graph';
import { dropSession, getSession, runSession } from './runtime';

const KEY = 'warm-up';

export async function warmUp(backend: Backend): Promise<void> {
	const session = await getSession(backend, KEY, () => {
		const g = new GraphBuilder('warm-up');
		g.output(g.mul(g.input('x', [1]), 2), 'y');
		return g.toBytes();
	});
	await runSession(session, { x: { data: Float32Array.of(1), dims: [1] } });
	dropSession(backend, KEY);
}
