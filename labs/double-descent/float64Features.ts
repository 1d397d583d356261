/**
 * Which feature tables the lab computes in float64 in TypeScript instead of with the ONNX graph.
 *
 * Random Fourier features, cos(w x + b) with w ~ N(0, n²), make feature matrices whose condition
 * number reaches 10⁹–10¹⁶ within a few features of p = n. The ONNX graph computes in float32,
 * and its rounding of the features (about 10⁻⁵ at angles of a hundred radians) then decides the
 * height of the peak. So the Fourier table is computed here, in float64, from the same float32
 * inputs the graph would be fed; the ReLU features (well conditioned enough that float32 agrees
 * with float64 to 10⁻³ along the whole curve) still come from the ONNX graph.
 */
import { drawFeatures, drawTraining, testGrid, type FeatureFamily } from './data';
import { featureMatrix } from './features';
import { maxFeatures, type FeatureTable } from './sweep';

export const FLOAT64_FAMILIES: readonly FeatureFamily[] = ['fourier'];

export const computedInFloat64 = (family: FeatureFamily) => FLOAT64_FAMILIES.includes(family);

/** The same table the ONNX graph returns (training inputs then the test grid), in float64. */
export function float64FeatureTable(family: FeatureFamily, seed: number, replicate: number, n: number): FeatureTable {
	const x = [...drawTraining(seed, replicate).x, ...testGrid()];
	const cols = maxFeatures(n);
	return { data: featureMatrix(x, drawFeatures(family, seed, replicate, cols, n)), cols };
}
