// Turns a MeshNetSpec into an ONNX graph: Conv (dilations, pads) → [InstanceNormalization] →
// activation, repeated, then the 1×1×1 classifier. Input `input` [N,1,D,H,W] float32, output
// `output` [N,classes,D,H,W] logits. Spatial sizes stay symbolic: the network is fully
// convolutional, so the same file runs on a 256³ conformed volume or a crop of it.
// A network whose classifier widens (more classes than feature channels, e.g. the 104-region
// atlas: 21 → 104) can instead be split there (`buildMeshNetSplit`): a trunk (input → last feature
// map) and a head (feature slab → classifier → ArgMax), so a host keeps the narrower feature map
// and one slab of logits at a time, never every class's logits for the whole volume.
import type { OnnxGraph, OnnxInitializer, OnnxNode } from './onnx/onnx-model';
import { type MeshNetLayer, type MeshNetSpec, foldBatchNorm, validateMeshNet } from './meshnet-spec';

export const MESHNET_OPSET = 17;
/** onnx.proto TensorProto.FLOAT, the `to` of the head's Cast. */
const ONNX_FLOAT = 1;

function scalar(name: string, value: number): OnnxInitializer {
  return { name, dims: [], dtype: 'float32', data: Float32Array.of(value) };
}

interface Emitted {
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  usesGelu: boolean;
}

/** Appends layer `i` (conv → [norm] → activation) reading `current`; returns its output's name. */
function emitLayer(raw: MeshNetLayer, i: number, current: string, into: Emitted): string {
  const { nodes, initializers } = into;
  const layer = foldBatchNorm(raw);
  const [out = 0, , k = 1] = layer.weight.shape;
  const w = `layer${i}.weight`;
  initializers.push({ name: w, dims: layer.weight.shape, dtype: 'float32', data: layer.weight.data });
  const convInputs = [current, w];
  if (layer.bias) {
    initializers.push({ name: `layer${i}.bias`, dims: [out], dtype: 'float32', data: layer.bias });
    convInputs.push(`layer${i}.bias`);
  }
  let last = `layer${i}.conv`;
  nodes.push({
    opType: 'Conv',
    name: `layer${i}/Conv`,
    inputs: convInputs,
    outputs: [last],
    attributes: {
      kernel_shape: { kind: 'ints', value: [k, k, k] },
      dilations: { kind: 'ints', value: [layer.dilation, layer.dilation, layer.dilation] },
      pads: { kind: 'ints', value: Array(6).fill(layer.padding) },
      strides: { kind: 'ints', value: [1, 1, 1] },
      group: { kind: 'int', value: 1 },
    },
  });

  if (layer.instanceNorm) {
    initializers.push({ name: `layer${i}.norm.scale`, dims: [out], dtype: 'float32', data: new Float32Array(out).fill(1) });
    initializers.push({ name: `layer${i}.norm.bias`, dims: [out], dtype: 'float32', data: new Float32Array(out) });
    nodes.push({
      opType: 'InstanceNormalization',
      name: `layer${i}/InstanceNormalization`,
      inputs: [last, `layer${i}.norm.scale`, `layer${i}.norm.bias`],
      outputs: [`layer${i}.norm`],
      attributes: { epsilon: { kind: 'float', value: layer.instanceNorm.epsilon } },
    });
    last = `layer${i}.norm`;
  }

  const act = `layer${i}.act`;
  switch (layer.activation) {
    case 'relu':
      nodes.push({ opType: 'Relu', name: `layer${i}/Relu`, inputs: [last], outputs: [act] });
      return act;
    case 'elu':
      nodes.push({ opType: 'Elu', name: `layer${i}/Elu`, inputs: [last], outputs: [act], attributes: { alpha: { kind: 'float', value: 1 } } });
      return act;
    case 'gelu':
      // Exact (erf) GELU, as torch.nn.GELU(): 0.5·x·(1 + erf(x/√2)). ONNX has a Gelu op only
      // from opset 20, so it is spelled out with Div/Erf/Add/Mul for opset 17 runtimes.
      into.usesGelu = true;
      nodes.push(
        { opType: 'Div', name: `layer${i}/Gelu/Div`, inputs: [last, 'gelu.sqrt2'], outputs: [`layer${i}.gelu.div`] },
        { opType: 'Erf', name: `layer${i}/Gelu/Erf`, inputs: [`layer${i}.gelu.div`], outputs: [`layer${i}.gelu.erf`] },
        { opType: 'Add', name: `layer${i}/Gelu/Add`, inputs: [`layer${i}.gelu.erf`, 'gelu.one'], outputs: [`layer${i}.gelu.add`] },
        { opType: 'Mul', name: `layer${i}/Gelu/Mul`, inputs: [last, `layer${i}.gelu.add`], outputs: [`layer${i}.gelu.mul`] },
        { opType: 'Mul', name: `layer${i}/Gelu/Half`, inputs: [`layer${i}.gelu.mul`, 'gelu.half'], outputs: [act] },
      );
      return act;
    case 'none':
      return last;
  }
}

/** Layers `layers` of the spec from graph input `input` to a graph output named `output`. */
function emitLayers(layers: readonly MeshNetLayer[], firstIndex: number, input: string, output: string, name: string): Emitted {
  const into: Emitted = { nodes: [], initializers: [], usesGelu: false };
  let current = input;
  layers.forEach((layer, n) => {
    current = emitLayer(layer, firstIndex + n, current, into);
  });
  // The graph output must be a node output with the output's name.
  const last = into.nodes[into.nodes.length - 1];
  if (!last) throw new Error(`${name}: no layers`);
  last.outputs = [output];
  if (into.usesGelu) into.initializers.push(scalar('gelu.sqrt2', Math.SQRT2), scalar('gelu.one', 1), scalar('gelu.half', 0.5));
  return into;
}

export function buildMeshNetGraph(spec: MeshNetSpec, name: string): OnnxGraph {
  validateMeshNet(spec, name);
  const { nodes, initializers } = emitLayers(spec.layers, 0, 'input', 'output', name);
  return {
    name,
    nodes,
    initializers,
    inputs: [{ name: 'input', dtype: 'float32', shape: ['N', spec.inChannels, 'D', 'H', 'W'] }],
    outputs: [{ name: 'output', dtype: 'float32', shape: ['N', spec.classes, 'D', 'H', 'W'] }],
  };
}

/** Channels of the feature map the classifier reads (its input channels). */
export function featureChannels(spec: MeshNetSpec): number {
  return spec.layers[spec.layers.length - 1]?.weight.shape[1] ?? spec.inChannels;
}

/**
 * Split where it saves memory: the last layer is a 1×1×1 convolution (each voxel's classes
 * depend on that voxel's features only, so a head over slabs is exact, with no seams) and it
 * widens the volume (more classes than features). For the narrower-classifier models (2–18
 * classes from 5–30 channels) whole-cube logits are already smaller than the feature map.
 */
export function shouldSplitAtClassifier(spec: MeshNetSpec): boolean {
  const last = spec.layers[spec.layers.length - 1];
  if (!last || spec.layers.length < 2) return false;
  const kernel = last.weight.shape.slice(2);
  return kernel.every((k) => k === 1) && spec.classes > featureChannels(spec);
}

export interface MeshNetSplit {
  /** `input` [N,1,D,H,W] → `features` [N,F,D,H,W]: every layer but the classifier. */
  trunk: OnnxGraph;
  /** `features` [N,F,d,H,W] → `labels` [N,1,d,H,W]: classifier, ArgMax over classes, as float32. */
  head: OnnxGraph;
  features: number;
}

export function buildMeshNetSplit(spec: MeshNetSpec, name: string): MeshNetSplit {
  validateMeshNet(spec, name);
  if (!shouldSplitAtClassifier(spec)) throw new Error(`${name}: the last layer is not a widening 1×1×1 classifier, so the network is not split`);
  const features = featureChannels(spec);
  const trunkLayers = spec.layers.slice(0, -1);
  const trunk = emitLayers(trunkLayers, 0, 'input', 'features', `${name} trunk`);
  const head = emitLayers(spec.layers.slice(-1), trunkLayers.length, 'features', 'logits', `${name} head`);
  // ArgMax keeps the first of equal maxima (select_last_index 0), as the whole-graph argmax does.
  // Its int64 result is cast to float32: class indices are exact there, and the runtime boundary carries float32.
  head.nodes.push(
    { opType: 'ArgMax', name: 'head/ArgMax', inputs: ['logits'], outputs: ['labels.int64'], attributes: { axis: { kind: 'int', value: 1 }, keepdims: { kind: 'int', value: 1 }, select_last_index: { kind: 'int', value: 0 } } },
    { opType: 'Cast', name: 'head/Cast', inputs: ['labels.int64'], outputs: ['labels'], attributes: { to: { kind: 'int', value: ONNX_FLOAT } } },
  );
  return {
    features,
    trunk: {
      name: `${name}-trunk`,
      nodes: trunk.nodes,
      initializers: trunk.initializers,
      inputs: [{ name: 'input', dtype: 'float32', shape: ['N', spec.inChannels, 'D', 'H', 'W'] }],
      outputs: [{ name: 'features', dtype: 'float32', shape: ['N', features, 'D', 'H', 'W'] }],
    },
    head: {
      name: `${name}-head`,
      nodes: head.nodes,
      initializers: head.initializers,
      inputs: [{ name: 'features', dtype: 'float32', shape: ['N', features, 'D', 'H', 'W'] }],
      outputs: [{ name: 'labels', dtype: 'float32', shape: ['N', 1, 'D', 'H', 'W'] }],
    },
  };
}
