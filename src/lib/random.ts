/**
 * A small seeded random number generator, so the same URL draws the same weights on every
 * machine. The core is sfc32 (Chris Doty-Humphrey's "small fast counting" generator, 128-bit
 * state, 32-bit integer arithmetic only, hence bit-identical everywhere), seeded through
 * splitmix32 so that nearby seeds (1, 2, 3) give unrelated streams.
 *
 * Normals use Box–Muller; they go through Math.log/cos/sin, which engines implement with the
 * same fdlibm-derived code in practice, but the spec only promises ~1 ulp, so normals are
 * reproducible to float precision rather than guaranteed bit for bit.
 */

/** splitmix32 step: a well-mixed 32-bit value from a 32-bit counter. */
function splitmix32(state: number): number {
	let z = (state + 0x9e3779b9) | 0;
	z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
	z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
	return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;
	private spare: number | null = null;

	constructor(seed: number) {
		const s = seed | 0;
		this.a = splitmix32(s);
		this.b = splitmix32(s + 0x632be5ab);
		this.c = splitmix32(s + 0x1b873593);
		this.d = 1; // sfc32's counter
		// Discard the first outputs: sfc32's state needs a few rounds to mix.
		for (let i = 0; i < 15; i++) this.nextUint32();
	}

	/** One sfc32 step: a uniform 32-bit unsigned integer. */
	nextUint32(): number {
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return t >>> 0;
	}

	/** Uniform in [0, 1). */
	uniform(): number {
		return this.nextUint32() / 4294967296;
	}

	/** Standard normal N(0, 1) by Box–Muller; the second value of each pair is kept for the next call. */
	normal(): number {
		if (this.spare !== null) {
			const z = this.spare;
			this.spare = null;
			return z;
		}
		const u1 = 1 - this.uniform(); // (0, 1]: log stays finite
		const u2 = this.uniform();
		const r = Math.sqrt(-2 * Math.log(u1));
		this.spare = r * Math.sin(2 * Math.PI * u2);
		return r * Math.cos(2 * Math.PI * u2);
	}

	/** Fills `array` with N(0, std²) draws and returns it. */
	fillNormal<T extends Float32Array | Float64Array>(array: T, std = 1): T {
		for (let i = 0; i < array.length; i++) array[i] = std * this.normal();
		return array;
	}
}

export function createRng(seed: number): Rng {
	return new Rng(seed);
}
