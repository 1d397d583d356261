/**
 * The presentation view's deck: the lab's scenes, with a poll slide for each checkpoint (issue 17,
 * the classroom). A poll goes right before the first scene that shows the figure answering it, so
 * the room commits before the slide that gives the answer away; a checkpoint whose figure no scene
 * shows goes after the last scene, in the order the lab declares them (a closing round of questions).
 */
import type { CheckpointCard } from '$lib/practice/types';

export type Slide<S> = { kind: 'scene'; scene: S; sceneIndex: number } | { kind: 'poll'; card: CheckpointCard };

export function deckOf<S extends { figures: readonly string[] }>(scenes: readonly S[], cards: readonly CheckpointCard[]): Slide<S>[] {
	const before = new Map<number, CheckpointCard[]>();
	const after: CheckpointCard[] = [];
	for (const card of cards) {
		const at = scenes.findIndex((scene) => scene.figures.includes(card.figure));
		if (at < 0) after.push(card);
		else before.set(at, [...(before.get(at) ?? []), card]);
	}
	const poll = (card: CheckpointCard): Slide<S> => ({ kind: 'poll', card });
	return [
		...scenes.flatMap((scene, sceneIndex) => [...(before.get(sceneIndex) ?? []).map(poll), { kind: 'scene' as const, scene, sceneIndex }]),
		...after.map(poll)
	];
}

/** The slide a URL names: `?poll=<checkpoint id>`, or `?scene=<n>` (1-based, as bookmarked before polls existed). */
export function slideFromQuery<S>(deck: readonly Slide<S>[], query: URLSearchParams): number {
	const poll = query.get('poll');
	if (poll !== null) {
		const i = deck.findIndex((s) => s.kind === 'poll' && s.card.id === poll);
		if (i >= 0) return i;
	}
	const scene = query.get('scene');
	if (scene === null) return 0;
	const n = Math.round(Number(scene)) - 1;
	const scenes = deck.filter((s) => s.kind === 'scene');
	const wanted = scenes[Math.min(scenes.length - 1, Math.max(0, Number.isFinite(n) ? n : 0))];
	return Math.max(0, deck.indexOf(wanted));
}

/** The query naming `slide` (the inverse of slideFromQuery). */
export function queryOf<S>(slide: Slide<S>, query: URLSearchParams): URLSearchParams {
	const next = new URLSearchParams(query);
	next.delete('poll');
	next.delete('scene');
	if (slide.kind === 'poll') next.set('poll', slide.card.id);
	else next.set('scene', String(slide.sceneIndex + 1));
	return next;
}
