/** Float64 reference of figure 1's `net` surface for the tests: the hand-written MLP at θ* + a·d₁ + b·d₂. */
import { planePoint, netDirections } from './netPlane';
import { spiralData } from './spiralMlp';
import { spiralLossAndGrad } from './spiralReference';

export function netValue(a: number, b: number, dirs = netDirections()): number {
	const { tensors } = spiralData();
	return spiralLossAndGrad(planePoint(a, b, dirs), tensors.x.data as Float32Array, Array.from(tensors.label.data as BigInt64Array, Number)).loss;
}
