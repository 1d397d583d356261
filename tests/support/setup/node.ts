/**
 * In Node, the page's runtime and its shipped models are onnxruntime-web's WASM build in the test
 * process (nodeRuntime.ts, nodeShipped.ts), for every node test.
 */
import { vi } from 'vitest';

vi.mock('$lib/onnx/runtime', () => import('../nodeRuntime'));
// The labs' door to it, session.ts, imports the runtime on first use; that dynamic import met the
// real runtime here, not the mock above, so the door is replaced too.
vi.mock('$lib/onnx/session', () => import('../nodeRuntime'));
vi.mock('$lib/onnx/shipped', () => import('../nodeShipped'));
