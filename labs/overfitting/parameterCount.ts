/**
 * The network's size (mlp.ts builds it), in a module of its own: the article states it at first
 * paint without loading the graph builder.
 */
import { CLASSES, PIXELS } from './glyphs';

/** The number of weights and biases of the network. */
export const parameterCount = (width: number) => PIXELS * width + width + width * width + width + width * CLASSES + CLASSES;
