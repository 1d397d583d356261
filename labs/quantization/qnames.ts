/**
 * The names in figure 2's graph (qmodel.ts builds it): which matrices are rounded, and what each
 * input and probe is called. Plain data, so the figures read them without loading the graph
 * builder at first paint.
 */
import { paramSpecs, SHAPE } from '$labs/attention-heatmaps/shape';

/** The matrices the lab rounds: the thirteen linear weights, and the two embeddings when `emb` is on. */
export const LINEAR_WEIGHTS = paramSpecs(SHAPE)
	.filter((p) => /\.w$/.test(p.name))
	.map((p) => p.name);
export const EMBEDDINGS = ['tok_emb', 'pos_emb'] as const;
/** The linear layers whose inputs are fake-quantized (names without `.w`). */
export const LINEARS = LINEAR_WEIGHTS.map((n) => n.slice(0, -2));

export const inputName = {
	codes: (m: string) => `codes.${m}`,
	scales: (m: string) => `scales.${m}`,
	zeros: (m: string) => `zeros.${m}`,
	param: (p: string) => `param.${p}`,
	/** Per linear layer, [3]: the activation step s and the clip range (q_min − z, q_max − z). */
	act: (l: string) => `act.${l}`,
	/** With `channelActs`, per linear layer [4, n_in]: per input channel s, q_min − z, q_max − z, and keep (1: the channel stays float). */
	actChannels: (l: string) => `actc.${l}`,
	/** With `channelActs` and integer codes, per weight matrix: float rows added to the dequantized ones (LLM.int8's outlier rows; zero elsewhere). */
	kept: (m: string) => `kept.${m}`
};
/** With `probes`, the float input of linear layer l is an output (for calibration). */
export const probeName = (l: string) => `in.${l}`;
