// Reads each published MeshNet format into a MeshNetSpec:
// - brainchop layer JSON (`model.json` with `layers` and flags) + a PyTorch nn.Sequential
//   state_dict, from safetensors or from a torch.save zip archive;
// - a TensorFlow.js layers-model (Conv3D / Activation layers, channels_last).
import type { Activation, MeshNetLayer, MeshNetSpec } from './meshnet-spec';
import type { TfjsModel } from './readers/tfjs-layers-reader';
import type { Float32Tensor } from './readers/tensor';

export interface LayerJson {
  bnorm?: boolean;
  elu?: boolean;
  gelu?: boolean;
  bias?: boolean;
  dropout_p?: number;
  layers: { in_channels: number; out_channels: number; kernel_size: number; padding: number; stride: number; dilation: number }[];
}

export interface StateDictOptions {
  /**
   * How to read the `bnorm` flag when the state_dict holds no BatchNorm statistics for a block:
   * mindgrab's blocks are Conv → GroupNorm(groups = channels, affine=False) → GELU, which have
   * no parameters at all. 'instance' says so explicitly; without it such a model is refused.
   */
  parameterFreeNorm?: 'instance';
  epsilon?: number;
}

function activationOf(json: LayerJson): Activation {
  if (json.gelu) return 'gelu';
  if (json.elu) return 'elu';
  return 'relu';
}

/** Conv weight keys of an nn.Sequential, in module order: `model.N.weight` or `model.N.0.weight`. */
function convKeys(tensors: Map<string, Float32Tensor>): { prefix: string; index: number }[] {
  const found: { prefix: string; index: number }[] = [];
  for (const [key, t] of tensors) {
    const m = /^(model\.(\d+)(?:\.0)?)\.weight$/.exec(key);
    if (m && t.shape.length === 5) found.push({ prefix: m[1] as string, index: Number(m[2]) });
  }
  return found.sort((a, b) => a.index - b.index);
}

export function meshNetFromStateDict(json: LayerJson, tensors: Map<string, Float32Tensor>, what: string, options: StateDictOptions = {}): MeshNetSpec {
  const convs = convKeys(tensors);
  if (convs.length !== json.layers.length) {
    throw new Error(`${what}: layer JSON lists ${json.layers.length} convolutions, the weights hold ${convs.length}`);
  }
  const activation = activationOf(json);
  const layers: MeshNetLayer[] = convs.map(({ prefix, index }, i) => {
    const geometry = json.layers[i] as LayerJson['layers'][number];
    if (geometry.stride !== 1) throw new Error(`${what}: layer ${i} has stride ${geometry.stride}; MeshNet layers keep stride 1`);
    const weight = tensors.get(`${prefix}.weight`) as Float32Tensor;
    if (weight.shape[2] !== geometry.kernel_size) {
      throw new Error(`${what}: layer ${i} kernel ${weight.shape[2]} in the weights, ${geometry.kernel_size} in the layer JSON`);
    }
    const isLast = i === convs.length - 1;
    let batchNorm: MeshNetLayer['batchNorm'] = null;
    let instanceNorm: MeshNetLayer['instanceNorm'] = null;
    if (!isLast && json.bnorm) {
      const bnPrefix = `model.${index}.1`;
      const mean = tensors.get(`${bnPrefix}.running_mean`);
      const variance = tensors.get(`${bnPrefix}.running_var`);
      if (mean && variance) {
        batchNorm = {
          mean: mean.data,
          variance: variance.data,
          gamma: tensors.get(`${bnPrefix}.weight`)?.data ?? null,
          beta: tensors.get(`${bnPrefix}.bias`)?.data ?? null,
          epsilon: options.epsilon ?? 1e-5,
        };
      } else if (options.parameterFreeNorm === 'instance') {
        instanceNorm = { epsilon: options.epsilon ?? 1e-5 };
      } else {
        throw new Error(`${what}: layer ${i} is normalised (bnorm) but the weights hold no statistics for it`);
      }
    }
    return {
      weight,
      bias: tensors.get(`${prefix}.bias`)?.data ?? null,
      dilation: geometry.dilation,
      padding: geometry.padding,
      batchNorm,
      instanceNorm,
      activation: isLast ? 'none' : activation,
    };
  });
  const first = layers[0]?.weight.shape[1] ?? 0;
  const classes = layers[layers.length - 1]?.weight.shape[0] ?? 0;
  return { layers, inChannels: first, classes };
}

/** Keras Conv3D kernel [kd, kh, kw, in, out] → ONNX Conv weight [out, in, kd, kh, kw]. */
export function transposeKerasKernel(kernel: Float32Tensor): Float32Tensor {
  const [kd = 0, kh = 0, kw = 0, inC = 0, outC = 0] = kernel.shape;
  const out = new Float32Array(kernel.data.length);
  for (let d = 0; d < kd; d++)
    for (let h = 0; h < kh; h++)
      for (let w = 0; w < kw; w++)
        for (let i = 0; i < inC; i++)
          for (let o = 0; o < outC; o++) {
            const src = (((d * kh + h) * kw + w) * inC + i) * outC + o;
            const dst = (((o * inC + i) * kd + d) * kh + h) * kw + w;
            out[dst] = kernel.data[src] as number;
          }
  return { shape: [outC, inC, kd, kh, kw], data: out };
}

const KERAS_ACTIVATIONS: Record<string, Activation> = { linear: 'none', relu: 'relu', elu: 'elu', gelu: 'gelu' };

function kerasActivation(name: unknown, what: string): Activation {
  const act = KERAS_ACTIVATIONS[String(name)];
  if (!act) throw new Error(`${what}: activation "${String(name)}" is not supported`);
  return act;
}

function triple(value: unknown, what: string): number {
  const list = Array.isArray(value) ? value : [value];
  const first = Number(list[0]);
  if (!list.every((v) => Number(v) === first)) throw new Error(`${what}: anisotropic ${JSON.stringify(value)} is not supported`);
  return first;
}

export function meshNetFromTfjs(model: TfjsModel, what: string): MeshNetSpec {
  const layers: MeshNetLayer[] = [];
  let inChannels = 0;
  for (const layer of model.layers) {
    const c = layer.config;
    switch (layer.className) {
      case 'InputLayer': {
        const shape = c.batch_input_shape as (number | null)[];
        inChannels = Number(shape[shape.length - 1]);
        break;
      }
      case 'Conv3D': {
        if (c.data_format !== 'channels_last') throw new Error(`${what}: ${layer.name} is not channels_last`);
        if (triple(c.strides, what) !== 1) throw new Error(`${what}: ${layer.name} has a stride other than 1`);
        const kernel = model.weights.get(`${layer.name}/kernel`);
        if (!kernel) throw new Error(`${what}: no kernel for ${layer.name}`);
        const k = triple(c.kernel_size, what);
        const dilation = triple(c.dilation_rate, what);
        // Keras "same" with stride 1 pads dilation·(k−1) in total, split evenly for odd k.
        const padding = c.padding === 'same' ? (dilation * (k - 1)) / 2 : 0;
        layers.push({
          weight: transposeKerasKernel(kernel),
          bias: c.use_bias ? (model.weights.get(`${layer.name}/bias`)?.data ?? null) : null,
          dilation,
          padding,
          batchNorm: null,
          instanceNorm: null,
          activation: kerasActivation(c.activation, what),
        });
        break;
      }
      case 'Activation': {
        const previous = layers[layers.length - 1];
        if (!previous || previous.activation !== 'none') throw new Error(`${what}: ${layer.name} does not follow a linear Conv3D`);
        previous.activation = kerasActivation(c.activation, what);
        break;
      }
      default:
        throw new Error(`${what}: layer type ${layer.className} (${layer.name}) is not part of a MeshNet`);
    }
  }
  const classes = layers[layers.length - 1]?.weight.shape[0] ?? 0;
  return { layers, inChannels, classes };
}
