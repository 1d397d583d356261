/**
 * Figure 4's experiment (lse.ts builds its graphs), in a module of its own: the figure draws the
 * build's curve at first paint without loading the graph builder.
 */

/** The logits figure 4 scales: fixed, so the point where the naive loss breaks does not move with the seed. */
export const LSE_LOGITS = [2, 0.5, -1] as const;
/** The true class (not the largest logit: the loss grows like 1.5 s, visible on a log axis). */
export const LSE_LABEL = 1;
/** The curve's scales: 81 points, 10^(k/20) for k = 0..80, i.e. 1 to 1e4. */
export const LSE_SWEEP = Array.from({ length: 81 }, (_, k) => 10 ** (k / 20));
/** Rows of S: the sweep, then the reader's s. */
export const LSE_ROWS = LSE_SWEEP.length + 1;
