/**
 * `npm run export-graphs`: writes the untrained graphs the site ships as files to static/models/
 * (today the backprop lab's default forward and backward models; labs/backprop/shipped.ts).
 * Their tests fail when the builder's bytes and the committed files part, until this is rerun.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultParts, shippedName, SHIPPED_PARTS } from '../labs/backprop/shipped';

const parts = defaultParts();
for (const part of SHIPPED_PARTS) {
	const out = fileURLToPath(new URL(`../static/models/${shippedName(part)}`, import.meta.url));
	writeFileSync(out, parts[part]);
	console.log(`wrote ${out} (${parts[part].length} bytes)`);
}
