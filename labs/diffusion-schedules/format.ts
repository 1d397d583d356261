// Kept only for TrainFigure.svelte (another branch rewrites it): import formatNumber from
// $lib/format instead, then delete this file.
export { formatNumber as fmt } from '$lib/format';
