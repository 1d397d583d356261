/**
 * In Node, the page's runtime and its shipped models are onnxruntime-web's WASM build in the test
 * process (nodeRuntime.ts, nodeShipped.ts), for every node test.
 */
import { vi } from 'vitest';

vi.mock('$lib/onnx/runtime', () => import('../nodeRuntime'));
vi.mock('$lib/onnx/shipped', () => import('../nodeShipped'));
