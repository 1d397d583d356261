/**
 * Figure 5's fixed choices, as plain data: the figure reads them before the training code (and
 * ml-matrix) has loaded.
 */

/** Model size of figure 5: ten times the training points, well past the threshold (the lab's curves quote 10n). */
export const GD_FEATURES_PER_POINT = 10;
/** Step size as a share of 1/λ_max of the loss's Hessian (at 2/λ_max GD starts to diverge). */
export const GD_LR_SHARE = 1;
/** Std of every entry of the random start w₀: the initial outputs then have the labels' scale. */
export const GD_START_STD = 1;
