// Kept only for ImplicitFigure.svelte (another branch rewrites it): import formatNumber from
// $lib/format instead, then delete this file.
export { formatNumber } from '$lib/format';
