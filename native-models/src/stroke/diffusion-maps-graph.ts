// The ONNX graph of the `stroke-dwi-core` package: from the b≈0 image and the directional
// images of the highest b shell it computes, voxel by voxel,
//   trace = (Π_k S_k)^(1/K)                (geometric mean over directions: the isotropic DWI)
//   ADC   = ln(S0 / trace) / b · 10⁶       (10⁻⁶ mm²/s; equals the mean of the per-direction ADCs)
// The mono-exponential model S_b = S0·e^(−b·ADC) and the trace as the geometric mean are the
// clinical convention (e.g. Le Bihan, Radiology 1986; every scanner's "isotropic" DWI image).
// No weights: the graph is fixed arithmetic, so the same file runs on any grid (D/H/W symbolic).
import type { OnnxGraph, OnnxInitializer, OnnxNode } from '../onnx/onnx-model';

/** Opset 17: ReduceMean still takes `axes` as an attribute (it became an input in opset 18). */
export const DIFFUSION_GRAPH_OPSET = 17;

/**
 * Upper clip of the ADC map. Free water at 37 °C has ADC ≈ 3000 × 10⁻⁶ mm²/s; higher values are
 * noise (a b-high signal at the noise floor in CSF), so they are clipped rather than displayed.
 */
export const ADC_MAX = 4000;

function scalar(name: string, value: number): OnnxInitializer {
  return { name, dims: [], dtype: 'float32', data: Float32Array.of(value) };
}

/**
 * Inputs: `b0` [N,1,D,H,W] (S0, modality values), `dwi` [N,K,D,H,W] (the K images of the b shell:
 * directions, or one isotropic image), `b_value` [1] (s/mm²), `signal_floor` [1] (modality
 * units). Outputs: `trace` [N,1,D,H,W] and `adc` [N,1,D,H,W].
 *
 * The floor keeps the logarithm finite: signals are clamped to at least `signal_floor` before
 * ln(), and where S0 itself is at or below the floor (air, background noise) ADC is written as 0,
 * "no measurement", instead of a random value. ADC is clipped to [0, ADC_MAX]: a negative ADC
 * (S_b > S0) is noise too.
 */
export function buildDiffusionMapsGraph(name: string): OnnxGraph {
  const nodes: OnnxNode[] = [
    { opType: 'Max', name: 'dwi/Floor', inputs: ['dwi', 'signal_floor'], outputs: ['dwi.floored'] },
    { opType: 'Log', name: 'dwi/Log', inputs: ['dwi.floored'], outputs: ['dwi.log'] },
    {
      opType: 'ReduceMean',
      name: 'dwi/MeanLog',
      inputs: ['dwi.log'],
      outputs: ['dwi.meanlog'],
      attributes: { axes: { kind: 'ints', value: [1] }, keepdims: { kind: 'int', value: 1 } },
    },
    { opType: 'Exp', name: 'trace/Exp', inputs: ['dwi.meanlog'], outputs: ['trace'] },
    { opType: 'Max', name: 'b0/Floor', inputs: ['b0', 'signal_floor'], outputs: ['b0.floored'] },
    { opType: 'Log', name: 'b0/Log', inputs: ['b0.floored'], outputs: ['b0.log'] },
    { opType: 'Sub', name: 'adc/LogRatio', inputs: ['b0.log', 'dwi.meanlog'], outputs: ['adc.logratio'] },
    { opType: 'Div', name: 'adc/PerB', inputs: ['micro', 'b_value'], outputs: ['adc.scale'] },
    { opType: 'Mul', name: 'adc/Scale', inputs: ['adc.logratio', 'adc.scale'], outputs: ['adc.raw'] },
    { opType: 'Clip', name: 'adc/Clip', inputs: ['adc.raw', 'zero', 'adc.max'], outputs: ['adc.clipped'] },
    { opType: 'Greater', name: 'b0/AboveFloor', inputs: ['b0', 'signal_floor'], outputs: ['b0.valid'] },
    { opType: 'Where', name: 'adc/Valid', inputs: ['b0.valid', 'adc.clipped', 'zero'], outputs: ['adc'] },
  ];
  return {
    name,
    nodes,
    initializers: [scalar('micro', 1e6), scalar('zero', 0), scalar('adc.max', ADC_MAX)],
    inputs: [
      { name: 'b0', dtype: 'float32', shape: ['N', 1, 'D', 'H', 'W'] },
      { name: 'dwi', dtype: 'float32', shape: ['N', 'K', 'D', 'H', 'W'] },
      { name: 'b_value', dtype: 'float32', shape: [1] },
      { name: 'signal_floor', dtype: 'float32', shape: [1] },
    ],
    outputs: [
      { name: 'trace', dtype: 'float32', shape: ['N', 1, 'D', 'H', 'W'] },
      { name: 'adc', dtype: 'float32', shape: ['N', 1, 'D', 'H', 'W'] },
    ],
  };
}
