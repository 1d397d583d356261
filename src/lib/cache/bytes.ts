/**
 * A rough size in bytes of a cached value, for the LRU's budget: typed arrays count their
 * buffers' views, numbers 8, strings 2 per character, arrays and plain objects the sum of their
 * parts plus a little overhead. It is an estimate for budgeting, not a measurement of the heap.
 */
const OVERHEAD = 16;

export function estimateBytes(value: unknown, depth = 0): number {
	if (value === null || value === undefined) return 0;
	if (typeof value === 'number') return 8;
	if (typeof value === 'boolean') return 4;
	if (typeof value === 'string') return 2 * value.length;
	if (ArrayBuffer.isView(value)) return value.byteLength + OVERHEAD;
	if (value instanceof ArrayBuffer) return value.byteLength;
	// Deep structures are budgeted at their top levels; a cycle or a huge graph stops here.
	if (depth > 6 || typeof value !== 'object') return OVERHEAD;
	let sum = OVERHEAD;
	if (Array.isArray(value)) {
		for (const item of value) sum += estimateBytes(item, depth + 1);
		return sum;
	}
	for (const item of Object.values(value)) sum += 8 + estimateBytes(item, depth + 1);
	return sum;
}
