/**
 * Figure 6's three ways of sharing keys and values: multi-head (one K/V head per query head),
 * grouped-query (the reader's number of groups) and multi-query (one for all), each with its
 * own colour and dash so the three lines and head rows stay apart.
 */
import { categorical } from '$lib/viz/palette';
import { usableKvHeads } from './costs';

export interface KvVariant {
	id: string;
	kvHeads: number;
	color: string;
	dash?: string;
}

export function kvVariants(heads: number, kvHeadsAsked: number): KvVariant[] {
	const kv = usableKvHeads(heads, kvHeadsAsked);
	// Blue, orange and reddish purple: far apart in the Okabe–Ito set for every common colour-vision deficiency.
	return [
		{ id: 'MHA', kvHeads: heads, color: categorical(3) },
		{ id: `GQA (${kv})`, kvHeads: kv, color: categorical(0), dash: '6 4' },
		{ id: 'MQA', kvHeads: 1, color: categorical(5), dash: '2 3' }
	];
}

/** The K/V head that query head h (0-based) reads, when `kvHeads` K/V heads serve `heads` query heads. */
export const kvGroupOf = (h: number, heads: number, kvHeads: number): number => Math.floor((h * kvHeads) / heads);
