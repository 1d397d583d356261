// Kept only for TrainingFigure.svelte (another branch rewrites it): import from $lib/format and
// $lib/viz/ranges instead, then delete this file.
export { formatNumber } from '$lib/format';
export { logDomain } from '$lib/viz/ranges';
