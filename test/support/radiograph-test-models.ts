// TEST MODELS, not clinical models: two fixed-weight ONNX graphs, written with the project's own
// ONNX writer (native-models/src/onnx/), that exercise the image-2d pipeline end to end on real
// radiographs, because no X-ray model with a usable licence exists here.
//
// Both look for small bright structures (metal: screws, pins, wires) with a morphological white
// top-hat: x − opening(x), opening = dilation(erosion(x)) by a 7×7 square (MaxPool of −x, then
// MaxPool). Structures narrower than 7 input pixels survive in the top-hat; broad bright areas
// (bone, the unexposed collimator border) and step edges do not.
// - `test-metal-classifier`: P(metal) = sigmoid(gain · (mean(relu(top-hat − t)) − bias)), output
//   logits [N, 2] = [0, z] for (no metal, metal). Every pin adds to the mean, so occluding any
//   one of them lowers the probability: what occlusion saliency needs to find them.
// - `test-metal-detector`: one box around all top-hat pixels above t (first/last row and column,
//   ArgMax with select_last_index), score = sigmoid(k · (max top-hat − t)).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ModelManifestInput } from '../../electron/shared/model-manifest';
import { type OnnxGraph, type OnnxInitializer, type OnnxNode, encodeOnnxModel } from '../../native-models/src/onnx/onnx-model';

export const TEST_MODEL_SIZE = 1024;
/** Top-hat level (in [0, 1] VOI units after 7×7 opening and 3×3 smoothing) that counts as metal. */
export const TEST_TOPHAT_THRESHOLD = 0.08;
/** Metal is also bright in absolute terms: VOI output (3×3 mean) above this. */
export const TEST_BRIGHTNESS_THRESHOLD = 0.74;
const OPSET = 17;

const f32 = (name: string, value: number): OnnxInitializer => ({ name, dims: [], dtype: 'float32', data: Float32Array.of(value) });
const pool = (op: string, name: string, input: string, output: string, k: number): OnnxNode => ({
  opType: op,
  name,
  inputs: [input],
  outputs: [output],
  attributes: {
    kernel_shape: { kind: 'ints', value: [k, k] },
    pads: { kind: 'ints', value: [(k - 1) / 2, (k - 1) / 2, (k - 1) / 2, (k - 1) / 2] },
    strides: { kind: 'ints', value: [1, 1] },
    ...(op === 'AveragePool' ? { count_include_pad: { kind: 'int', value: 0 } } : {}),
  },
});

/** The shared top-hat stem: input `image` [N,1,H,W] → `tophat` [N,1,H,W]. */
function topHatStem(): { nodes: OnnxNode[]; initializers: OnnxInitializer[] } {
  return {
    nodes: [
      { opType: 'Neg', name: 'neg', inputs: ['image'], outputs: ['neg'] },
      pool('MaxPool', 'erode', 'neg', 'neg_eroded', 7),
      { opType: 'Neg', name: 'eroded', inputs: ['neg_eroded'], outputs: ['eroded'] },
      pool('MaxPool', 'open', 'eroded', 'opened', 7),
      { opType: 'Sub', name: 'tophat_raw', inputs: ['image', 'opened'], outputs: ['tophat_raw'] },
      pool('AveragePool', 'smooth', 'tophat_raw', 'tophat_smooth', 3),
      pool('AveragePool', 'local_mean', 'image', 'local_mean', 3),
      { opType: 'Sub', name: 'bright_above', inputs: ['local_mean', 'brightness'], outputs: ['bright_above'] },
      { opType: 'Sign', name: 'bright_sign', inputs: ['bright_above'], outputs: ['bright_sign'] },
      { opType: 'Relu', name: 'bright_gate', inputs: ['bright_sign'], outputs: ['bright_gate'] },
      { opType: 'Mul', name: 'tophat_gated', inputs: ['tophat_smooth', 'bright_gate'], outputs: ['tophat_gated'] },
      // Ignore a 4-pixel frame: CR plates often read out a brighter first row or two.
      { opType: 'Slice', name: 'inner', inputs: ['tophat_gated', 'frame_starts', 'frame_ends', 'frame_axes'], outputs: ['inner'] },
      { opType: 'Pad', name: 'tophat', inputs: ['inner', 'frame_pads'], outputs: ['tophat'], attributes: { mode: { kind: 'string', value: 'constant' } } },
    ],
    initializers: [
      f32('brightness', TEST_BRIGHTNESS_THRESHOLD),
      { name: 'frame_starts', dims: [2], dtype: 'int64', data: BigInt64Array.of(4n, 4n) },
      { name: 'frame_ends', dims: [2], dtype: 'int64', data: BigInt64Array.of(-4n, -4n) },
      { name: 'frame_axes', dims: [2], dtype: 'int64', data: BigInt64Array.of(2n, 3n) },
      { name: 'frame_pads', dims: [8], dtype: 'int64', data: BigInt64Array.of(0n, 0n, 4n, 4n, 0n, 0n, 4n, 4n) },
    ],
  };
}

export function buildTestMetalClassifier(): OnnxGraph {
  const stem = topHatStem();
  return {
    name: 'test-metal-classifier',
    nodes: [
      ...stem.nodes,
      { opType: 'Sub', name: 'above', inputs: ['tophat', 't'], outputs: ['above'] },
      { opType: 'Relu', name: 'relu', inputs: ['above'], outputs: ['excess'] },
      { opType: 'GlobalAveragePool', name: 'mean', inputs: ['excess'], outputs: ['mean'] },
      { opType: 'Flatten', name: 'flat', inputs: ['mean'], outputs: ['flat'], attributes: { axis: { kind: 'int', value: 1 } } },
      { opType: 'Mul', name: 'sum', inputs: ['flat', 'pixels'], outputs: ['sum'] },
      { opType: 'Sub', name: 'shift', inputs: ['sum', 'bias'], outputs: ['shifted'] },
      { opType: 'Mul', name: 'gain', inputs: ['shifted', 'gain'], outputs: ['z'] },
      { opType: 'Sub', name: 'zero', inputs: ['z', 'z'], outputs: ['zero'] },
      { opType: 'Concat', name: 'logits', inputs: ['zero', 'z'], outputs: ['logits'], attributes: { axis: { kind: 'int', value: 1 } } },
    ],
    // z = gain · (Σ excess − bias): a single pin of a few pixels ~0.03 above t sits near the decision boundary.
    initializers: [...stem.initializers, f32('t', TEST_TOPHAT_THRESHOLD), f32('pixels', TEST_MODEL_SIZE * TEST_MODEL_SIZE), f32('bias', 0.3), f32('gain', 8)],
    inputs: [{ name: 'image', dtype: 'float32', shape: ['N', 1, TEST_MODEL_SIZE, TEST_MODEL_SIZE] }],
    outputs: [{ name: 'logits', dtype: 'float32', shape: ['N', 2] }],
  };
}

export function buildTestMetalDetector(): OnnxGraph {
  const stem = topHatStem();
  const argmax = (name: string, input: string, last: number): OnnxNode => ({
    opType: 'ArgMax',
    name,
    inputs: [input],
    outputs: [name],
    attributes: { axis: { kind: 'int', value: 2 }, keepdims: { kind: 'int', value: 0 }, select_last_index: { kind: 'int', value: last } },
  });
  const toFloat = (name: string, input: string): OnnxNode => ({ opType: 'Cast', name, inputs: [input], outputs: [name], attributes: { to: { kind: 'int', value: 1 } } });
  return {
    name: 'test-metal-detector',
    nodes: [
      ...stem.nodes,
      { opType: 'Sub', name: 'above', inputs: ['tophat', 't'], outputs: ['above'] },
      { opType: 'Sign', name: 'sign', inputs: ['above'], outputs: ['sign'] },
      { opType: 'Relu', name: 'mask', inputs: ['sign'], outputs: ['mask'] },
      { opType: 'ReduceMax', name: 'rows', inputs: ['mask'], outputs: ['rows'], attributes: { axes: { kind: 'ints', value: [3] }, keepdims: { kind: 'int', value: 0 } } },
      { opType: 'ReduceMax', name: 'cols', inputs: ['mask'], outputs: ['cols'], attributes: { axes: { kind: 'ints', value: [2] }, keepdims: { kind: 'int', value: 0 } } },
      argmax('y1i', 'rows', 0),
      argmax('y2i', 'rows', 1),
      argmax('x1i', 'cols', 0),
      argmax('x2i', 'cols', 1),
      toFloat('y1', 'y1i'),
      toFloat('x1', 'x1i'),
      toFloat('y2f', 'y2i'),
      toFloat('x2f', 'x2i'),
      // Box edges in continuous pixel coordinates: the last row/column covers [i, i + 1).
      { opType: 'Add', name: 'y2', inputs: ['y2f', 'one'], outputs: ['y2'] },
      { opType: 'Add', name: 'x2', inputs: ['x2f', 'one'], outputs: ['x2'] },
      { opType: 'Concat', name: 'box', inputs: ['x1', 'y1', 'x2', 'y2'], outputs: ['box'], attributes: { axis: { kind: 'int', value: 1 } } },
      { opType: 'Unsqueeze', name: 'boxes', inputs: ['box', 'axis1'], outputs: ['boxes'] },
      { opType: 'GlobalMaxPool', name: 'peak', inputs: ['tophat'], outputs: ['peak'] },
      { opType: 'Flatten', name: 'peak_flat', inputs: ['peak'], outputs: ['peak_flat'], attributes: { axis: { kind: 'int', value: 1 } } },
      { opType: 'Sub', name: 'peak_above', inputs: ['peak_flat', 't'], outputs: ['peak_above'] },
      { opType: 'Mul', name: 'peak_gain', inputs: ['peak_above', 'k'], outputs: ['peak_z'] },
      { opType: 'Sigmoid', name: 'scores', inputs: ['peak_z'], outputs: ['scores'] },
    ],
    initializers: [
      ...stem.initializers,
      f32('t', TEST_TOPHAT_THRESHOLD),
      f32('one', 1),
      f32('k', 60),
      { name: 'axis1', dims: [1], dtype: 'int64', data: BigInt64Array.of(1n) },
    ],
    inputs: [{ name: 'image', dtype: 'float32', shape: ['N', 1, TEST_MODEL_SIZE, TEST_MODEL_SIZE] }],
    outputs: [
      { name: 'boxes', dtype: 'float32', shape: ['N', 1, 4] },
      { name: 'scores', dtype: 'float32', shape: ['N', 1] },
    ],
  };
}

const PREPROCESSING: ModelManifestInput['preprocessing'] = [
  { op: 'image_voi', fallback: 'minmax' },
  { op: 'invert_monochrome1' },
  { op: 'resize_2d', width: TEST_MODEL_SIZE, height: TEST_MODEL_SIZE, aspect: 'letterbox', interpolation: 'area', padValue: 0 },
  { op: 'to_tensor', layout: 'last_axis_fastest' },
];

const NOT_CLINICAL = {
  en: 'TEST MODEL: a fixed morphological filter built by the project tests, not trained, not a medical device; it only checks the radiograph pipeline.',
  'zh-CN': '测试模型：项目测试构建的固定形态学滤波器，未经训练，非医疗器械；仅用于检验 X 线平片处理流程。',
};

function manifestFor(kind: 'classifier' | 'detector', onnx: Uint8Array): ModelManifestInput {
  const id = kind === 'classifier' ? 'test-metal-classifier' : 'test-metal-detector';
  return {
    schemaVersion: 1,
    id,
    version: '0.0.1-test',
    sha256: createHash('sha256').update(onnx).digest('hex'),
    sizeBytes: onnx.length,
    task: kind === 'classifier' ? 'classification' : 'detection',
    name: kind === 'classifier' ? { en: 'TEST MODEL: metal present', 'zh-CN': '测试模型：金属存在' } : { en: 'TEST MODEL: metal region box', 'zh-CN': '测试模型：金属区域框' },
    description: NOT_CLINICAL,
    accepts: { modalities: ['CR', 'DX'], bodyPartOptional: true, sequenceHints: [], contrasts: ['any'], requires3d: false },
    inputs: [{ name: 'image', dtype: 'float32', shape: ['N', 1, TEST_MODEL_SIZE, TEST_MODEL_SIZE], axes: 'NCHW' }],
    outputs:
      kind === 'classifier'
        ? [{ name: 'logits', dtype: 'float32', shape: ['N', 2], axes: 'NC' }]
        : [
            { name: 'boxes', dtype: 'float32', shape: ['N', 1, 4], axes: 'NCW' },
            { name: 'scores', dtype: 'float32', shape: ['N', 1], axes: 'NC' },
          ],
    preprocessing: PREPROCESSING,
    postprocessing:
      kind === 'classifier'
        ? [{ op: 'softmax', axis: 1 }]
        : [
            { op: 'decode_boxes', boxes: 'boxes', scores: 'scores', format: 'xyxy', normalized: false },
            { op: 'nms', iouThreshold: 0.5, scoreThreshold: 0.5 },
          ],
    labels:
      kind === 'classifier'
        ? [
            { index: 0, key: 'no_metal', name: { en: 'No metal (test)', 'zh-CN': '无金属（测试）' }, color: [0, 0, 0], hidden: true },
            { index: 1, key: 'metal', name: { en: 'Metal (test)', 'zh-CN': '金属（测试）' }, color: [255, 200, 0] },
          ]
        : [{ index: 0, key: 'metal', name: { en: 'Metal (test)', 'zh-CN': '金属（测试）' }, color: [255, 200, 0] }],
    thresholds: { uncertainty: 0.2 },
    intendedUse: NOT_CLINICAL,
    limitations: [NOT_CLINICAL],
    license: { spdx: 'Apache-2.0', file: 'LICENSE.txt', attribution: 'Yingdu project test code' },
    provenance: {
      sourceUrl: 'https://example.invalid/yingdu/test/support/radiograph-test-models.ts',
      sourceFormat: 'project-graph',
      sourceSha256: {},
      converter: 'test/support/radiograph-test-models.ts',
      converterVersion: '1',
      opset: OPSET,
    },
    pipeline: 'image-2d',
    dependsOn: [],
    experimental: false,
    enabledByDefault: false,
  };
}

/** Writes an installable TEST package folder (manifest.json, model.onnx, MODEL_CARD.md, LICENSE.txt) under `outRoot`. */
export function writeTestRadiographPackage(kind: 'classifier' | 'detector', outRoot: string): { dir: string; manifest: ModelManifestInput } {
  const graph = kind === 'classifier' ? buildTestMetalClassifier() : buildTestMetalDetector();
  const onnx = encodeOnnxModel(graph, {
    opset: OPSET,
    producerName: 'yingdu-tests',
    producerVersion: '1',
    docString: `TEST MODEL ${graph.name}: fixed top-hat filter, not a clinical model`,
    metadata: { 'yingdu.package': graph.name },
  });
  const manifest = manifestFor(kind, onnx);
  const dir = path.join(outRoot, manifest.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'model.onnx'), onnx);
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(path.join(dir, 'MODEL_CARD.md'), `# ${manifest.name.en}\n\n${NOT_CLINICAL.en}\n\n${NOT_CLINICAL['zh-CN']}\n`);
  writeFileSync(path.join(dir, 'LICENSE.txt'), 'Apache-2.0: part of the Yingdu project test code.\n');
  return { dir, manifest };
}
