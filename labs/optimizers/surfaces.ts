/**
 * The 2-D loss surfaces of figure 1, in plain float64 TypeScript: their box, start, rates and
 * exact minimum. The graphs in `model.ts` compute the same functions in ONNX; these copies are
 * the references the tests hold them to.
 */
export type SurfaceId = 'quad' | 'rosenbrock' | 'saddle' | 'net';

export interface SurfaceParams {
	/** Condition number κ of the quadratic (eigenvalues 1 and 1/κ). */
	kappa: number;
	/** Rotation of the quadratic and its start, degrees. */
	rot: number;
}

export interface SurfaceInfo {
	label: string;
	/** The plotted box: [xmin, xmax], [ymin, ymax]. */
	box: { x: [number, number]; y: [number, number] };
	/** Where the optimizers start unless the reader picks a point. */
	start(p: SurfaceParams): [number, number];
	/** The rate of the SGD family and of the adaptive methods when the reader leaves them at 0. */
	lr(p: SurfaceParams): number;
	alr: number;
	/** The exact minimum value of f. */
	fStar: number;
}

/** GD's best rate on ½θᵀHθ with eigenvalues L = 1 and μ = 1/κ: 2/(L+μ). */
export const quadBestRate = (kappa: number) => 2 / (1 + 1 / kappa);

export const SURFACES: Record<SurfaceId, SurfaceInfo> = {
	quad: {
		label: 'Quadratic ½θᵀHθ',
		box: { x: [-3, 3], y: [-3, 3] },
		// (2, 2) in the eigenbasis, turned with the surface so a rotation changes nothing for GD.
		start: ({ rot }) => rotate([2, 2], rot),
		lr: ({ kappa }) => quadBestRate(kappa),
		alr: 0.1,
		fStar: 0
	},
	rosenbrock: {
		label: 'Rosenbrock',
		box: { x: [-2, 2], y: [-1, 3] },
		start: () => [-1.2, 1],
		lr: () => 1e-3,
		alr: 0.05,
		fStar: 0
	},
	saddle: {
		label: 'Saddle ½(x² − y²) + y⁴/4',
		box: { x: [-1.5, 1.5], y: [-1.5, 1.5] },
		start: () => [1, 1e-6],
		lr: () => 0.1,
		alr: 0.1,
		fStar: -0.25
	},
	// The spiral MLP's training loss in a plane through its trained weights θ* (netPlane.ts).
	// Cross-entropy is ≥ 0; the plane's own minimum has no closed form, so 0 stands for f*.
	net: {
		label: 'Spiral MLP’s loss in a plane through θ*',
		// Filter-normalized directions are as long as θ* itself, layer by layer: the basin around
		// θ* is a few hundredths wide, and by ±0.2 the loss is near that of a coin toss or worse.
		box: { x: [-0.2, 0.2], y: [-0.2, 0.2] },
		// Measured from here (f = 3.06), 200 steps: GD at 10⁻³ is still crawling down the valley
		// (f = 7·10⁻⁴), heavy ball at the same rate reaches θ*'s basin floor, Adam at 0.01 is between.
		start: () => [-0.15, -0.1],
		lr: () => 1e-3,
		alr: 0.01,
		fStar: 0
	}
};

export function rotate([u, w]: readonly [number, number], degrees: number): [number, number] {
	const a = (degrees * Math.PI) / 180;
	const [c, s] = [Math.cos(a), Math.sin(a)];
	return [c * u - s * w, s * u + c * w];
}

/** f and ∇f at (x, y), float64. */
export function surfaceValue(id: SurfaceId, p: SurfaceParams, x: number, y: number): { f: number; grad: [number, number] } {
	switch (id) {
		case 'quad': {
			// Coordinates in the eigenbasis: u along eigenvalue 1, w along 1/κ.
			const a = (p.rot * Math.PI) / 180;
			const [c, s] = [Math.cos(a), Math.sin(a)];
			const u = c * x + s * y;
			const w = -s * x + c * y;
			const k = 1 / p.kappa;
			return { f: 0.5 * (u * u + k * w * w), grad: [c * u - s * k * w, s * u + c * k * w] };
		}
		case 'rosenbrock': {
			const r = y - x * x;
			return { f: (1 - x) ** 2 + 100 * r * r, grad: [-2 * (1 - x) - 400 * x * r, 200 * r] };
		}
		case 'saddle':
			return { f: 0.5 * (x * x - y * y) + y ** 4 / 4, grad: [x, -y + y ** 3] };
		case 'net':
			// Its float64 reference needs the network and data: netReference.ts, for the tests.
			throw new Error('surfaceValue: the net surface has its reference in netReference.ts');
	}
}
