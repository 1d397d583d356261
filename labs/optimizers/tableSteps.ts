/**
 * The steps a figure's data table lists: all of them up to TABLE_ROWS, else every k-th and the
 * last. The platform's Figure renders its table into the page up front, and 1000 steps × 12 runs
 * of cells took seconds of a loaded machine before the page was ready.
 */
export const TABLE_ROWS = 200;

export function tableSteps(last: number, rows = TABLE_ROWS): number[] {
	const every = Math.max(1, Math.ceil(last / rows));
	const out: number[] = [];
	for (let t = 0; t < last; t += every) out.push(t);
	out.push(last);
	return out;
}
