/** Turns runtime failures into sentences a reader can act on. */

export function describeModelError(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	if (/memory|allocation|RangeError|OOM/i.test(text))
		return 'The model ran out of memory in this browser. Try a smaller depth or width.';
	if (/protobuf|parse|invalid|corrupt|Failed to load model/i.test(text))
		return 'The model file could not be read (it may be corrupt or from another version).';
	if (/fetch|404|network|Failed to fetch/i.test(text))
		return 'The model or the runtime could not be downloaded. Check the connection and reload.';
	if (/webgpu|adapter|device/i.test(text))
		return 'WebGPU failed in this browser; switch the backend to WebAssembly.';
	return `The model failed to run: ${text}`;
}
