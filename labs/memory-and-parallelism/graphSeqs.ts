/**
 * The sequence lengths of figure 6's curve: the spec's range, doubling. A module of its own so
 * the figure can draw its axis without importing the graph builder (and its protobuf encoder,
 * 24 KB gzip) before the page is live: the first results are the build's.
 */
export const GRAPH_SEQS = [8, 16, 32, 64] as const;
