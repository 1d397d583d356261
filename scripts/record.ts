/**
 * `npm run record [-- <name>]`: makes the build-time recordings of the training and sampling
 * figures (scripts/record/registry.ts lists them): one real run of each figure's default
 * configuration, with the lab's own training graph or sampler, in Node on onnxruntime-web's
 * WASM backend with one thread, written as JSON next to the lab (committed). The figures import
 * them, so the prerendered page draws them at first paint; `<lab>/recording.test.ts` runs each
 * again and fails, pointing here, when the committed file no longer matches.
 */
import { writeFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { RECORDINGS, recordingPath, serializeRecording } from './record/registry';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const asked = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const unknown = asked.filter((name) => !(name in RECORDINGS));
if (unknown.length) {
	console.log(`Unknown recording ${unknown.join(', ')}. Recordings: ${Object.keys(RECORDINGS).join(', ')}`);
	process.exit(1);
}
for (const name of asked.length ? asked : Object.keys(RECORDINGS)) {
	const started = performance.now();
	const text = serializeRecording(await RECORDINGS[name].record(ort));
	const path = recordingPath(name);
	writeFileSync(path, text);
	console.log(`${name}: ${(text.length / 1024).toFixed(1)} KB in ${((performance.now() - started) / 1000).toFixed(1)} s → ${path}`);
}
