export { entries, load } from '$lib/labs/pageLoad';
