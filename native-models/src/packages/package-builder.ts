// Builds one installable package folder (manifest.json, model.onnx, MODEL_CARD.md) from the
// authors' published files. Source paths come from our own definitions, never from the files.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ModelLabel, type ModelManifest, describeManifestIssues, modelManifestSchema } from '../../../electron/shared/model-manifest';
import { MESHNET_OPSET, buildMeshNetGraph, buildMeshNetSplit, shouldSplitAtClassifier } from '../meshnet-graph';
import { type LayerJson, meshNetFromStateDict, meshNetFromTfjs } from '../meshnet-sources';
import type { MeshNetSpec } from '../meshnet-spec';
import { type OnnxGraph, encodeOnnxModel } from '../onnx/onnx-model';
import { readSafetensors } from '../readers/safetensors-reader';
import { readTfjsLayersModel } from '../readers/tfjs-layers-reader';
import { readTorchStateDict } from '../readers/torch-zip-reader';
import { localizeLabel } from './label-names';
import { renderModelCard } from './model-card';
import type { PackageDefinition } from './package-definitions';

export const CONVERTER_NAME = 'yingdu-native-models';
export const CONVERTER_VERSION = '1.0.0';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Colormap {
  R: number[];
  G: number[];
  B: number[];
  labels: string[];
}

export interface LoadedSource {
  spec: MeshNetSpec;
  /** SHA-256 of every file read, by path relative to the source root. */
  hashes: Record<string, string>;
}

export function loadSource(def: PackageDefinition, sourceRoot: string): LoadedSource {
  const hashes: Record<string, string> = {};
  const read = (file: string) => {
    const bytes = new Uint8Array(readFileSync(path.join(sourceRoot, def.sourceDir, file)));
    hashes[`${def.sourceDir}/${file}`] = sha256(bytes);
    return bytes;
  };
  const what = `${def.id} (${def.sourceDir})`;
  let spec: MeshNetSpec;
  switch (def.format) {
    case 'safetensors': {
      const json = JSON.parse(new TextDecoder().decode(read('model.json'))) as LayerJson;
      spec = meshNetFromStateDict(json, readSafetensors(read('model.pth'), what), what);
      break;
    }
    case 'pytorch-zip': {
      const json = JSON.parse(new TextDecoder().decode(read('model.json'))) as LayerJson;
      spec = meshNetFromStateDict(json, readTorchStateDict(read('model.pth'), what), what, { parameterFreeNorm: def.parameterFreeNorm });
      break;
    }
    case 'tfjs-layers': {
      const json = new TextDecoder().decode(read('model.json'));
      spec = meshNetFromTfjs(readTfjsLayersModel(json, (shard) => read(shard)), what);
      break;
    }
  }
  return { spec, hashes };
}

function labelsFor(def: PackageDefinition, sourceRoot: string, classes: number): ModelLabel[] {
  const colormap = def.colormap ? (JSON.parse(readFileSync(path.join(sourceRoot, def.colormap), 'utf8')) as Colormap) : null;
  const keys = def.labelKeys ?? colormap?.labels;
  if (!keys || keys.length !== classes) {
    throw new Error(`${def.id}: ${keys?.length ?? 0} label names for ${classes} output classes`);
  }
  return keys.map((key, index) => ({
    index,
    key,
    name: localizeLabel(key),
    // Without a published colour, background stays black and other classes red.
    color: [colormap?.R[index] ?? (index ? 255 : 0), colormap?.G[index] ?? 0, colormap?.B[index] ?? 0],
    hidden: index === 0,
  }));
}

/** Multiply-accumulates per voxel, to estimate run time relative to the 5-channel model (~7 s on 2 cores). */
export function macsPerVoxel(spec: MeshNetSpec): number {
  return spec.layers.reduce((sum, l) => sum + l.weight.data.length, 0);
}

export interface BuiltPackage {
  dir: string;
  manifest: ModelManifest;
  onnxBytes: number;
  /** Bytes of head.onnx for a network split at its classifier, else null. */
  headBytes: number | null;
}

export function buildPackage(def: PackageDefinition, sourceRoot: string, outRoot: string): BuiltPackage {
  const { spec, hashes } = loadSource(def, sourceRoot);
  const encode = (graph: OnnxGraph, part: string) =>
    encodeOnnxModel(graph, {
      opset: MESHNET_OPSET,
      producerName: CONVERTER_NAME,
      producerVersion: CONVERTER_VERSION,
      docString: `${def.name.en}${part}, converted from ${def.sourceUrl} (${def.format})`,
      metadata: { 'yingdu.package': def.id, 'yingdu.version': def.version },
    });
  // Widening classifiers (the 104-region atlas) are split so a 256³ run never holds every class's
  // logits (meshnet-graph.ts); model.onnx is then the trunk and head.onnx the classifier + ArgMax.
  const split = shouldSplitAtClassifier(spec) ? buildMeshNetSplit(spec, def.id) : null;
  const onnx = encode(split ? split.trunk : buildMeshNetGraph(spec, def.id), split ? ' (trunk)' : '');
  const headOnnx = split ? encode(split.head, ' (classifier head)') : null;
  const licenseText = readFileSync(path.join(sourceRoot, def.licenseFile), 'utf8');
  const size = 256;
  const candidate = {
    schemaVersion: 1,
    id: def.id,
    version: def.version,
    sha256: sha256(onnx),
    sizeBytes: onnx.length,
    task: 'segmentation',
    name: def.name,
    description: def.description,
    accepts: def.accepts,
    inputs: [{ name: 'input', dtype: 'float32', shape: ['N', spec.inChannels, size, size, size], axes: 'NCDHW', description: 'Conformed volume, intensities in [0, 1], last volume axis fastest' }],
    outputs: split
      ? [{ name: 'features', dtype: 'float32', shape: ['N', split.features, size, size, size], axes: 'NCDHW', description: 'Last feature map before the classifier (input of head.onnx)' }]
      : [{ name: 'output', dtype: 'float32', shape: ['N', spec.classes, size, size, size], axes: 'NCDHW', description: 'Logits per class' }],
    preprocessing: [
      { op: 'conform', size, spacingMm: 1, orientation: 'LIA', interpolation: 'linear' },
      { op: 'percentile_normalize', lowPercent: 2, highPercent: 98 },
      { op: 'to_tensor', layout: 'last_axis_fastest' },
    ],
    postprocessing: def.postprocessing,
    labels: labelsFor(def, sourceRoot, spec.classes),
    thresholds: def.thresholds ?? {},
    intendedUse: def.intendedUse,
    limitations: def.limitations,
    license: { spdx: 'MIT', file: 'LICENSE.txt', attribution: def.attribution },
    provenance: {
      sourceUrl: def.sourceUrl,
      sourceFormat: def.format,
      sourceSha256: hashes,
      converter: CONVERTER_NAME,
      converterVersion: CONVERTER_VERSION,
      opset: MESHNET_OPSET,
      citation: def.citation,
    },
    experimental: def.experimental,
    enabledByDefault: def.enabledByDefault,
    estimatedCpuSeconds: Math.max(1, Math.round((7 * macsPerVoxel(spec)) / 5_550)),
    ...(split && headOnnx
      ? {
          head: {
            file: 'head.onnx',
            sha256: sha256(headOnnx),
            sizeBytes: headOnnx.length,
            input: { name: 'features', dtype: 'float32', shape: ['N', split.features, 'D', size, size], axes: 'NCDHW', description: 'A slab of the feature map, D slices deep' },
            labels: { name: 'labels', dtype: 'float32', shape: ['N', 1, 'D', size, size], axes: 'NCDHW', description: 'Argmax class index per voxel' },
          },
        }
      : {}),
  };
  const parsed = modelManifestSchema.safeParse(candidate);
  if (!parsed.success) throw new Error(`${def.id}: generated manifest is invalid: ${describeManifestIssues(parsed.error)}`);
  const manifest = parsed.data;

  const dir = path.join(outRoot, def.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'model.onnx'), onnx);
  if (headOnnx) writeFileSync(path.join(dir, 'head.onnx'), headOnnx);
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(path.join(dir, 'MODEL_CARD.md'), renderModelCard(manifest, def.cardNotes, licenseText));
  writeFileSync(path.join(dir, 'LICENSE.txt'), licenseText);
  return { dir, manifest, onnxBytes: onnx.length, headBytes: headOnnx?.length ?? null };
}
