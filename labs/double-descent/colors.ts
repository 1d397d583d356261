/** The lab's colour for each quantity, the same in every figure (Okabe–Ito, colour-blind safe). */
import { categorical, themeColor } from '$lib/viz';

export const COLORS = {
	test: categorical(4), // vermillion
	train: categorical(1), // sky blue: the training error, and the training points
	fit: categorical(0), // orange
	truth: themeColor.muted,
	norm: categorical(2), // bluish green
	sigma: categorical(5), // reddish purple
	bias: categorical(3), // blue
	variance: categorical(0), // orange
	fromZero: categorical(3), // blue: gradient descent from w₀ = 0 (figure 5)
	fromRandom: categorical(0) // orange: gradient descent from a random w₀
} as const;
