/**
 * Turns runtime failures into sentences a reader can act on. What the runtime throws is not fit
 * to show: ORT throws bare pointer-like numbers ("9943320"), messages full of internal names,
 * and stacks. So a message is only ever one of ours: a LabFault carries its own sentence, and
 * anything else is recognised by its shape and answered with a fixed sentence.
 */
import { LabFault } from './faults';

function rawText(error: unknown): string {
	if (error instanceof Error) return `${error.name}: ${error.message}`;
	if (typeof error === 'object' && error !== null && 'message' in error) return String((error as { message: unknown }).message);
	return String(error);
}

export function describeModelError(error: unknown): string {
	if (error instanceof LabFault) return error.message;
	const text = rawText(error);
	if (error instanceof Error && error.name === 'AbortError') return 'A download was cut off before it finished. Retry to start it again.';
	if (/timed? ?out|time-out/i.test(text)) return 'The model runtime took too long to answer. Retry to start it again.';
	if (/\[webgpu\]|webgpu|adapter|gpu device|requestDevice/i.test(text)) return 'WebGPU failed in this browser.';
	if (/memory|allocation|RangeError|OOM/i.test(text))
		return 'The model ran out of memory in this browser. Try a smaller depth or width.';
	if (/dynamically imported module|importing a module script|module script failed|ChunkLoadError|Loading chunk/i.test(text))
		return 'Part of the page (the model runtime) could not be downloaded. Check the connection and retry.';
	if (/Failed to fetch|NetworkError|network|fetch|404/i.test(text))
		return 'The model or the runtime could not be downloaded. Check the connection and retry.';
	if (/protobuf|parse|invalid|corrupt|Failed to load model|truncat/i.test(text))
		return 'The model file could not be read (it may be corrupt or from another version).';
	if (/device|gpu/i.test(text)) return 'WebGPU failed in this browser.';
	if (/wasm|webassembly|backend/i.test(text)) return 'The model runtime could not start in this browser.';
	// A bare number (an ORT error code or pointer) or anything else we cannot read.
	return 'The model failed to run in this browser. Retry, or reload the page.';
}

/** A short reason for a WebGPU failure, to say why the page moved to WebAssembly. */
export function describeWebgpuFailure(error: unknown): string {
	const said = describeModelError(error);
	if (said === 'WebGPU failed in this browser.' || said.startsWith('The model failed to run')) return 'it could not run the model';
	// The first sentence only, as a clause: "WebGPU failed: <reason>; running on WebAssembly."
	return said.split('. ')[0].replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase());
}
