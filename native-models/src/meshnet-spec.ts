// MeshNet (Fedorov et al., IJCNN 2017): a stack of dilated 3-D convolutions at full
// resolution, each followed by optional normalisation and an activation, ending in a 1×1×1
// convolution to the class logits. Every source format is read into this one description;
// the ONNX graph is built from it alone.
import type { Float32Tensor } from './readers/tensor';

export type Activation = 'relu' | 'elu' | 'gelu' | 'none';

export interface BatchNormParams {
  mean: Float32Array;
  variance: Float32Array;
  gamma: Float32Array | null;
  beta: Float32Array | null;
  epsilon: number;
}

export interface MeshNetLayer {
  /** [out, in, kd, kh, kw], row-major. */
  weight: Float32Tensor;
  bias: Float32Array | null;
  dilation: number;
  /** Symmetric zero padding per spatial side. */
  padding: number;
  /** Inference-time batch norm; folded into the convolution by the graph builder. */
  batchNorm: BatchNormParams | null;
  /**
   * GroupNorm with one group per channel and affine=False, which is exactly
   * InstanceNormalization with scale 1 and bias 0 (statistics over each channel's volume).
   */
  instanceNorm: { epsilon: number } | null;
  activation: Activation;
}

export interface MeshNetSpec {
  layers: MeshNetLayer[];
  inChannels: number;
  classes: number;
}

/** Checks channel counts chain and kernels are cubes, so a bad source fails here with its layer number. */
export function validateMeshNet(spec: MeshNetSpec, what: string): void {
  let channels = spec.inChannels;
  spec.layers.forEach((layer, i) => {
    const [out, inC, kd, kh, kw] = layer.weight.shape;
    if (layer.weight.shape.length !== 5 || out === undefined || kd === undefined) {
      throw new Error(`${what}: layer ${i} weight is not a 5-D convolution kernel`);
    }
    if (inC !== channels) throw new Error(`${what}: layer ${i} expects ${inC} input channels, previous layer gives ${channels}`);
    if (kd !== kh || kh !== kw) throw new Error(`${what}: layer ${i} kernel ${kd}×${kh}×${kw} is not cubic`);
    if (layer.padding !== (layer.dilation * (kd - 1)) / 2) {
      throw new Error(`${what}: layer ${i} padding ${layer.padding} does not keep the volume size (dilation ${layer.dilation}, kernel ${kd})`);
    }
    if (layer.bias && layer.bias.length !== out) throw new Error(`${what}: layer ${i} bias has ${layer.bias.length} values for ${out} channels`);
    channels = out;
  });
  if (channels !== spec.classes) throw new Error(`${what}: last layer gives ${channels} channels, expected ${spec.classes} classes`);
}

/** Folds y = gamma·(conv(x)+b − mean)/√(var+ε) + beta into the convolution's weight and bias. */
export function foldBatchNorm(layer: MeshNetLayer): MeshNetLayer {
  const bn = layer.batchNorm;
  if (!bn) return layer;
  const [out = 0] = layer.weight.shape;
  const perOut = layer.weight.data.length / out;
  const weight = new Float32Array(layer.weight.data);
  const bias = new Float32Array(out);
  for (let o = 0; o < out; o++) {
    const scale = (bn.gamma?.[o] ?? 1) / Math.sqrt((bn.variance[o] as number) + bn.epsilon);
    for (let k = 0; k < perOut; k++) weight[o * perOut + k] = (weight[o * perOut + k] as number) * scale;
    bias[o] = ((layer.bias?.[o] ?? 0) - (bn.mean[o] as number)) * scale + (bn.beta?.[o] ?? 0);
  }
  return { ...layer, weight: { shape: layer.weight.shape, data: weight }, bias, batchNorm: null };
}
