/**
 * Figure 4's runs and their length, in a module of their own: the figure and the article read
 * them at first paint, without loading the training graph builder that only a run needs
 * (fixRuns.ts builds the jobs).
 */

/** The runs trained (early stopping reads the baseline's; 'all' stacks every fix, early stopping read off its own curve). */
export const TRAINED = ['baseline', 'aug', 'wd', 'dropout', 'small', 'all'] as const;
export type Trained = (typeof TRAINED)[number];

/** Figure 4's epochs: five runs must finish in seconds on one WASM thread, and the baseline's gap is open by then. */
export const FIX_EPOCHS = 30;
