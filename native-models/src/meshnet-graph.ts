// Turns a MeshNetSpec into an ONNX graph: Conv (dilations, pads) → [InstanceNormalization] →
// activation, repeated, then the 1×1×1 classifier. Input `input` [N,1,D,H,W] float32, output
// `output` [N,classes,D,H,W] logits. Spatial sizes stay symbolic: the network is fully
// convolutional, so the same file runs on a 256³ conformed volume or a crop of it.
import type { OnnxGraph, OnnxInitializer, OnnxNode } from './onnx/onnx-model';
import { type MeshNetSpec, foldBatchNorm, validateMeshNet } from './meshnet-spec';

export const MESHNET_OPSET = 17;

function scalar(name: string, value: number): OnnxInitializer {
  return { name, dims: [], dtype: 'float32', data: Float32Array.of(value) };
}

export function buildMeshNetGraph(spec: MeshNetSpec, name: string): OnnxGraph {
  validateMeshNet(spec, name);
  const nodes: OnnxNode[] = [];
  const initializers: OnnxInitializer[] = [];
  let usesGelu = false;
  let current = 'input';

  spec.layers.forEach((raw, i) => {
    const layer = foldBatchNorm(raw);
    const [out = 0, , k = 1] = layer.weight.shape;
    const w = `layer${i}.weight`;
    initializers.push({ name: w, dims: layer.weight.shape, dtype: 'float32', data: layer.weight.data });
    const convInputs = [current, w];
    if (layer.bias) {
      initializers.push({ name: `layer${i}.bias`, dims: [out], dtype: 'float32', data: layer.bias });
      convInputs.push(`layer${i}.bias`);
    }
    const convOut = `layer${i}.conv`;
    nodes.push({
      opType: 'Conv',
      name: `layer${i}/Conv`,
      inputs: convInputs,
      outputs: [convOut],
      attributes: {
        kernel_shape: { kind: 'ints', value: [k, k, k] },
        dilations: { kind: 'ints', value: [layer.dilation, layer.dilation, layer.dilation] },
        pads: { kind: 'ints', value: Array(6).fill(layer.padding) },
        strides: { kind: 'ints', value: [1, 1, 1] },
        group: { kind: 'int', value: 1 },
      },
    });
    current = convOut;

    if (layer.instanceNorm) {
      initializers.push({ name: `layer${i}.norm.scale`, dims: [out], dtype: 'float32', data: new Float32Array(out).fill(1) });
      initializers.push({ name: `layer${i}.norm.bias`, dims: [out], dtype: 'float32', data: new Float32Array(out) });
      nodes.push({
        opType: 'InstanceNormalization',
        name: `layer${i}/InstanceNormalization`,
        inputs: [current, `layer${i}.norm.scale`, `layer${i}.norm.bias`],
        outputs: [`layer${i}.norm`],
        attributes: { epsilon: { kind: 'float', value: layer.instanceNorm.epsilon } },
      });
      current = `layer${i}.norm`;
    }

    const act = `layer${i}.act`;
    switch (layer.activation) {
      case 'relu':
        nodes.push({ opType: 'Relu', name: `layer${i}/Relu`, inputs: [current], outputs: [act] });
        current = act;
        break;
      case 'elu':
        nodes.push({ opType: 'Elu', name: `layer${i}/Elu`, inputs: [current], outputs: [act], attributes: { alpha: { kind: 'float', value: 1 } } });
        current = act;
        break;
      case 'gelu':
        // Exact (erf) GELU, as torch.nn.GELU(): 0.5·x·(1 + erf(x/√2)). ONNX has a Gelu op only
        // from opset 20, so it is spelled out with Div/Erf/Add/Mul for opset 17 runtimes.
        usesGelu = true;
        nodes.push(
          { opType: 'Div', name: `layer${i}/Gelu/Div`, inputs: [current, 'gelu.sqrt2'], outputs: [`layer${i}.gelu.div`] },
          { opType: 'Erf', name: `layer${i}/Gelu/Erf`, inputs: [`layer${i}.gelu.div`], outputs: [`layer${i}.gelu.erf`] },
          { opType: 'Add', name: `layer${i}/Gelu/Add`, inputs: [`layer${i}.gelu.erf`, 'gelu.one'], outputs: [`layer${i}.gelu.add`] },
          { opType: 'Mul', name: `layer${i}/Gelu/Mul`, inputs: [current, `layer${i}.gelu.add`], outputs: [`layer${i}.gelu.mul`] },
          { opType: 'Mul', name: `layer${i}/Gelu/Half`, inputs: [`layer${i}.gelu.mul`, 'gelu.half'], outputs: [act] },
        );
        current = act;
        break;
      case 'none':
        break;
    }
  });

  // The graph output must be a node output named `output`.
  const last = nodes[nodes.length - 1];
  if (!last) throw new Error(`${name}: no layers`);
  last.outputs = ['output'];
  if (usesGelu) initializers.push(scalar('gelu.sqrt2', Math.SQRT2), scalar('gelu.one', 1), scalar('gelu.half', 0.5));

  return {
    name,
    nodes,
    initializers,
    inputs: [{ name: 'input', dtype: 'float32', shape: ['N', spec.inChannels, 'D', 'H', 'W'] }],
    outputs: [{ name: 'output', dtype: 'float32', shape: ['N', spec.classes, 'D', 'H', 'W'] }],
  };
}
