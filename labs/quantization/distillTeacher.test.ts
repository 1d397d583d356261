/**
 * The shipped teacher (static/models/distill-teacher.onnx) is what its recipe trains: 1500 AdamW
 * steps of a 2-64-64-64-3 MLP, about 5 s here, so the whole run is repeated and the file compared
 * byte for byte. A change to the data, the model or the training code fails here and says to run
 * `npm run train -- distill-teacher` (and then `npm run record`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import '../../tests/support/ort';
import { distillTeacherRecipe } from '../../scripts/train/distillTeacher';
import { trainRecipe } from '../../scripts/train/run';

describe('the distillation teacher', () => {
	it('the shipped file equals a fresh run of its recipe, and stays under 40 KB', { timeout: 300_000 }, async () => {
		const shipped = new Uint8Array(readFileSync(new URL('../../static/models/distill-teacher.onnx', import.meta.url)));
		expect(shipped.length).toBeLessThanOrEqual(40 * 1024);
		const fresh = await trainRecipe(ort, distillTeacherRecipe());
		expect(Buffer.from(fresh.bytes).equals(Buffer.from(shipped)), 'static/models/distill-teacher.onnx is stale: run `npm run train -- distill-teacher`, then `npm run record`').toBe(true);
	});
});
