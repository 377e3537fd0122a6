// Reads a TensorFlow.js "layers-model" (model.json topology + weightsManifest + binary shards)
// into named float32 tensors plus the ordered layer configs. Conv3D kernels keep their Keras
// layout here ([kd, kh, kw, in, out]); the MeshNet builder transposes them for ONNX.
import { type Float32Tensor, elementCount, float32FromBytes } from './tensor';

export interface TfjsLayer {
  className: string;
  name: string;
  config: Record<string, unknown>;
}

export interface TfjsModel {
  layers: TfjsLayer[];
  weights: Map<string, Float32Tensor>;
  /** Every weight shard path the manifest names, relative to model.json. */
  shardPaths: string[];
}

interface WeightsGroup {
  paths: string[];
  weights: { name: string; shape: number[]; dtype: string; quantization?: unknown }[];
}

/** Shard names are joined to the model folder; refuse anything that could leave it. */
function assertPlainShardName(name: string): void {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name === '.' || name === '..') {
    throw new Error(`tfjs model.json names weight shard "${name}", which is not a plain file name`);
  }
}

export function readTfjsLayersModel(modelJson: string, readShard: (name: string) => Uint8Array): TfjsModel {
  const doc = JSON.parse(modelJson) as {
    format?: string;
    modelTopology?: { model_config?: { config?: { layers?: { class_name: string; config: Record<string, unknown> }[] } } };
    weightsManifest?: WeightsGroup[];
  };
  if (doc.format !== 'layers-model') throw new Error(`tfjs model.json has format "${doc.format}"; only "layers-model" is supported`);
  const rawLayers = doc.modelTopology?.model_config?.config?.layers;
  if (!Array.isArray(rawLayers) || !Array.isArray(doc.weightsManifest)) throw new Error('tfjs model.json has no layers or no weightsManifest');
  const layers = rawLayers.map((l) => ({ className: l.class_name, name: String(l.config.name ?? ''), config: l.config }));

  const weights = new Map<string, Float32Tensor>();
  const shardPaths: string[] = [];
  for (const group of doc.weightsManifest) {
    // Shards of one group are one byte stream split into files.
    for (const p of group.paths) assertPlainShardName(p);
    shardPaths.push(...group.paths);
    const parts = group.paths.map((p) => readShard(p));
    const total = parts.reduce((a, b) => a + b.length, 0);
    const stream = new Uint8Array(total);
    let at = 0;
    for (const part of parts) {
      stream.set(part, at);
      at += part.length;
    }
    let offset = 0;
    for (const w of group.weights) {
      if (w.dtype !== 'float32' || w.quantization) throw new Error(`tfjs weight ${w.name}: ${w.dtype}${w.quantization ? ' quantized' : ''} is not supported`);
      const count = elementCount(w.shape);
      weights.set(w.name, { shape: [...w.shape], data: float32FromBytes(stream.subarray(offset), count, `tfjs weight ${w.name}`) });
      offset += count * 4;
    }
    if (offset !== total) throw new Error(`tfjs weights: manifest describes ${offset} bytes, shards hold ${total}`);
  }
  return { layers, weights, shardPaths };
}
