/** The model returns every layer's values stacked as [depth, batch, width]; this reads one layer. */
export function layerSlice(stacked: Float32Array, layer: number, perLayer: number): Float32Array {
	return stacked.subarray(layer * perLayer, (layer + 1) * perLayer);
}
