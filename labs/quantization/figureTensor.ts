/** Figure 1's `tensor` names a weight ("l0.mlp1.w") or a linear layer's inputs ("l0.mlp1.x"). No imports: lab.ts reads it. */

/** The linear layer whose inputs `tensor` stands for, or null for a weight. */
export const inputOf = (tensor: string): string | null => (tensor.endsWith('.x') ? tensor.slice(0, -2) : null);
