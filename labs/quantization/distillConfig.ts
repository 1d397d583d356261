/**
 * Figure 6's settings and data, the part the page needs before any model code: the spirals, the
 * networks' sizes and training lengths, and which points each network sees. distill.ts builds
 * the models and training jobs from it.
 */
import { twoSpirals } from '$lib/datasets/spirals';
import { probePoints, type GridSpec } from '../vanishing-gradients/boundary';

export const CLASSES = 3;

export const DISTILL = {
	/** The spirals: three arms of one turn, heavy jitter, so even the best classifier gets about a fifth of the points wrong. */
	data: { arms: CLASSES, noise: 0.12, turns: 1 },
	teacher: { hidden: [64, 64, 64], seed: 1, count: 8192, batch: 512, steps: 1500, lr: 0.01, weightDecay: 1e-4 },
	student: { hidden: [16, 16], steps: 800, lr: 0.01, weightDecay: 1e-4 },
	/** Held-out points score every network; drawn from their own seed. */
	heldOut: { count: 3000, seed: 1001 },
	/** The regions drawn: cell centres over [−extent, extent]². */
	grid: { size: 48, extent: 1.25 } satisfies GridSpec,
	/** Probe the students every k steps (and at the first and last). */
	probeEvery: 50
} as const;

export const TEACHER_MODEL = 'distill-teacher';

/** The (x, y) centre of grid cell `cell` (row-major from the top-left, as gridPoints lays them out). */
export function cellCentre(cell: number): [number, number] {
	const { size, extent } = DISTILL.grid;
	const w = (2 * extent) / size;
	return [-extent + ((cell % size) + 0.5) * w, extent - (Math.floor(cell / size) + 0.5) * w];
}

/** The reader's side of a student pair: how many labelled points, T, α and the seed. */
export interface DistillSettings {
	labels: number;
	T: number;
	alpha: number;
	seed: number;
}

export type StudentKind = 'hard' | 'soft';

/** Spiral points and their arms: the held-out set, the teacher's data, a student's labelled points. */
export const spiralPoints = (count: number, seed: number) => twoSpirals({ count, seed, ...DISTILL.data });

/** The students' labelled points: their own seed stream, apart from the teacher's data (seed 1) and the held-out set. */
export const labelledPoints = (labels: number, seed: number) => spiralPoints(labels, 5000 + seed);

export const heldOutPoints = () => spiralPoints(DISTILL.heldOut.count, DISTILL.heldOut.seed);

/** What a student probe (and the teacher's picture) is fed: the grid's cell centres, then the held-out points. */
export const studentProbePoints = () => probePoints(DISTILL.grid, heldOutPoints().points);
