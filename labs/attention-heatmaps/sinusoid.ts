/**
 * The sinusoidal positional encoding of "Attention is all you need" (the lab's models learn
 * their position embeddings instead; this is the classic closed form, drawn in figure 4):
 * PE(p, 2i) = sin(p / 10000^{2i/d}), PE(p, 2i+1) = cos(p / 10000^{2i/d}). The dot product
 * PE(p)·PE(p+Δ) = Σ_i cos(Δ / 10000^{2i/d}) depends on the distance Δ only, not on p.
 */
export function sinusoidalEncoding(positions: number, d: number): number[][] {
	return Array.from({ length: positions }, (_, p) =>
		Array.from({ length: d }, (_, c) => {
			const freq = 1 / 10000 ** ((2 * Math.floor(c / 2)) / d);
			return c % 2 === 0 ? Math.sin(p * freq) : Math.cos(p * freq);
		})
	);
}

/** PE(0)·PE(Δ) / (d/2) for Δ = 0 … maxDistance (1 at Δ = 0). */
export function dotByDistance(maxDistance: number, d: number): { x: number; y: number }[] {
	const pe = sinusoidalEncoding(maxDistance + 1, d);
	return pe.map((row, delta) => ({ x: delta, y: row.reduce((s, v, c) => s + v * pe[0][c], 0) / (d / 2) }));
}
