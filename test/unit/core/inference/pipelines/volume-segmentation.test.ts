// The pieces of the brain segmentation pipeline on small volumes whose answers are known:
// percentiles against numpy, the manifest step reader, argmax in the model's tensor layout,
// component cleaning, the flip test's label mirroring and Dice, structure sides and volumes.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseAnalysisBulkPath } from '../../../../../electron/core/inference/jobs/analysis-bulk';
import { orientationAxes } from '../../../../../electron/core/inference/pipelines/conform/conform-grid';
import { tensorIndexer } from '../../../../../electron/core/inference/pipelines/conform/tensor-layout';
import { flipDisagreement, mirrorLabelMap, swapSides } from '../../../../../electron/core/inference/pipelines/volume-segmentation/flip-uncertainty';
import { normalizeIntensities, percentileOfSorted } from '../../../../../electron/core/inference/pipelines/volume-segmentation/intensity-normalize';
import { argmaxLabels, cleanComponents, flipAlongI, labelsFromTensorOrder } from '../../../../../electron/core/inference/pipelines/volume-segmentation/label-volume';
import { segmentationPlan } from '../../../../../electron/core/inference/pipelines/volume-segmentation/segmentation-steps';
import { structureFindings } from '../../../../../electron/core/inference/pipelines/volume-segmentation/structure-findings';
import type { ModelLabel, ModelManifest } from '../../../../../electron/shared/model-manifest';
import { seededRandom } from '../../../../support/seeded-random';

const label = (index: number, key: string): ModelLabel => ({ index, key, name: { en: key, 'zh-CN': key }, color: [index, 0, 0], hidden: false });

function manifest(pre: ModelManifest['preprocessing'], post: ModelManifest['postprocessing'] = [{ op: 'argmax', axis: 1 }]): ModelManifest {
  return { id: 'unit-test-model', preprocessing: pre, postprocessing: post } as unknown as ModelManifest;
}

describe('intensity normalisation', () => {
  it('computes percentiles exactly as numpy.percentile (linear)', () => {
    const random = seededRandom(3);
    const values = Float32Array.from({ length: 10_001 }, () => Math.round(random() * 1000) / 4);
    const numpy = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', 'import json,sys,numpy as np; v=np.array(json.load(sys.stdin),dtype=np.float32).astype(np.float64); print(json.dumps(np.percentile(v,[2,37.5,98]).tolist()))'], {
        input: JSON.stringify(Array.from(values)),
        encoding: 'utf8',
      }),
    ) as number[];
    const sorted = values.slice().sort();
    [2, 37.5, 98].forEach((p, n) => expect(percentileOfSorted(sorted, p)).toBeCloseTo(numpy[n]!, 9));
  });

  it('clips to the percentiles and scales to [0, 1]; a uniform image is refused', () => {
    const values = Float32Array.from({ length: 101 }, (_, n) => n);
    normalizeIntensities(values, [{ op: 'percentile_normalize', lowPercent: 10, highPercent: 90 }]);
    expect(values[0]).toBe(0);
    expect(values[50]).toBeCloseTo(0.5, 6);
    expect(values[100]).toBe(1);
    expect(() => normalizeIntensities(new Float32Array(8).fill(3), [{ op: 'percentile_normalize', lowPercent: 2, highPercent: 98 }])).toThrow(/uniform/);
  });
});

describe('manifest steps', () => {
  const conform = { op: 'conform', size: 256, spacingMm: 1, orientation: 'LIA', interpolation: 'linear' } as const;
  it('reads conform, intensity, layout and post-processing', () => {
    const plan = segmentationPlan(
      manifest(
        [conform, { op: 'percentile_normalize', lowPercent: 2, highPercent: 98 }, { op: 'to_tensor', layout: 'last_axis_fastest' }],
        [{ op: 'argmax', axis: 1 }, { op: 'connected_components', connectivity: 26, keepLargest: true }, { op: 'size_filter', minVoxels: 9 }, { op: 'inverse_conform', interpolation: 'nearest' }],
      ),
    );
    expect(plan).toMatchObject({ conform: { size: 256, orientation: 'LIA' }, layout: 'last_axis_fastest', components: { keepLargest: true }, minComponentVoxels: 9, slidingWindow: null });
  });
  it('refuses steps it does not implement, naming them', () => {
    expect(() => segmentationPlan(manifest([conform, { op: 'reorient', orientation: 'RAS' }]))).toThrow(/"reorient"/);
    expect(() => segmentationPlan(manifest([{ op: 'to_tensor', layout: 'last_axis_fastest' }]))).toThrow(/without a "conform" step/);
    expect(() => segmentationPlan(manifest([conform], [{ op: 'nms', iouThreshold: 0.5, scoreThreshold: 0.5 }]))).toThrow(/"nms"/);
    // A split network (head.onnx) runs its trunk whole: patches would only add seams.
    const windowed = manifest([conform, { op: 'sliding_window', patch: [64, 64, 64], overlap: 0.5, blend: 'gaussian' }]);
    expect(() => segmentationPlan(windowed)).not.toThrow();
    expect(() => segmentationPlan({ ...windowed, head: { file: 'head.onnx' } } as unknown as ModelManifest)).toThrow(/"sliding_window" step with a classifier head/);
  });
});

describe('labels', () => {
  it('takes the argmax in the model tensor layout (last axis fastest) into volume order', () => {
    const dims = [3, 2, 4] as const;
    const voxels = 24;
    const at = tensorIndexer(dims, 'last_axis_fastest');
    const data = new Float32Array(3 * voxels);
    // Class = (i + k) % 3 at volume voxel (i, j, k).
    for (let k = 0; k < 4; k++) for (let j = 0; j < 2; j++) for (let i = 0; i < 3; i++) data[((i + k) % 3) * voxels + at(i, j, k)] = 5;
    const labels = argmaxLabels({ classes: 3, data }, dims, 'last_axis_fastest');
    for (let k = 0; k < 4; k++) for (let j = 0; j < 2; j++) for (let i = 0; i < 3; i++) expect(labels[(k * 2 + j) * 3 + i]).toBe((i + k) % 3);
    // The split path's labels come in tensor order too: the same reordering.
    const tensorLabels = new Uint8Array(voxels);
    for (let k = 0; k < 4; k++) for (let j = 0; j < 2; j++) for (let i = 0; i < 3; i++) tensorLabels[at(i, j, k)] = (i + k) % 3;
    expect(Array.from(labelsFromTensorOrder(tensorLabels, dims, 'last_axis_fastest'))).toEqual(Array.from(labels));
  });

  it('keeps the largest component per label and drops small ones', () => {
    const dims = [10, 10, 10] as const;
    const labels = new Uint8Array(1000);
    const set = (i: number, j: number, k: number, v: number) => (labels[(k * 10 + j) * 10 + i] = v);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) set(i, j, 0, 1); // 16 voxels
    set(8, 8, 8, 1); // an island
    for (let i = 6; i < 9; i++) set(i, 0, 5, 2); // 3 voxels of label 2
    const keep = labels.slice();
    cleanComponents(keep, dims, { keepLargest: true, connectivity: 26, minVoxels: 0 });
    expect(keep.filter((v) => v === 1).length).toBe(16);
    expect(keep.filter((v) => v === 2).length).toBe(3);
    const sized = labels.slice();
    cleanComponents(sized, dims, { keepLargest: false, connectivity: 26, minVoxels: 4 });
    expect(sized.filter((v) => v === 1).length).toBe(16);
    expect(sized.filter((v) => v === 2).length).toBe(0);
  });
});

describe('flip test', () => {
  it('mirrors lateralised labels by name and leaves the others', () => {
    const map = mirrorLabelMap([label(0, 'Unknown'), label(1, 'Left-Hippocampus'), label(2, 'Right-Hippocampus'), label(3, 'ctx-lh-insula'), label(4, 'ctx-rh-insula'), label(5, 'Brain-Stem')]);
    expect([...map]).toEqual([[0, 0], [1, 2], [2, 1], [3, 4], [4, 3], [5, 5]]);
    const values = Uint8Array.from([1, 2, 3, 4, 5, 0]);
    swapSides(values, map);
    expect([...values]).toEqual([2, 1, 4, 3, 5, 0]);
  });

  it('mirrors a volume along i and measures 1 − Dice per label', () => {
    const v = Uint8Array.from([1, 2, 3, 4, 5, 6]);
    expect([...flipAlongI(v.slice(), [3, 2, 1])]).toEqual([3, 2, 1, 6, 5, 4]);
    const a = Uint8Array.from([1, 1, 1, 1, 2, 0]);
    const b = Uint8Array.from([1, 1, 0, 0, 0, 2]);
    const u = flipDisagreement(a, b);
    expect(u.get(1)).toBeCloseTo(1 - (2 * 2) / (4 + 2), 12);
    expect(u.get(2)).toBe(1);
  });
});

describe('structure findings', () => {
  it('measures volumes in mL, splits at the mid-sagittal plane and names the side', () => {
    // 2 mm isotropic LIA grid: i runs towards the patient's left (LPS +x).
    const grid = { dimensions: [20, 10, 10] as const, spacing: [2, 2, 2] as const, origin: [-19, 0, 0] as const, direction: orientationAxes('LIA') };
    const labels = new Uint8Array(2000);
    const set = (i: number, j: number, k: number, v: number) => (labels[(k * 10 + j) * 20 + i] = v);
    for (let j = 0; j < 5; j++) for (let k = 0; k < 5; k++) {
      set(1, j, k, 1); // label 1: one column far right …
      set(18, j, k, 1); // … and one far left: bilateral
      set(16, j, k, 2); // label 2: left only
      set(9, j, k, 3); // label 3: on the mid-plane
      set(10, j, k, 3);
    }
    const table = structureFindings(labels, grid, [label(0, 'bg'), label(1, 'Pair'), label(2, 'LeftOnly'), label(3, 'Middle')], new Map([[2, 0.4]]), 0.3);
    const byKey = Object.fromEntries(table.findings.map((f) => [f.label, f]));
    expect(byKey.Pair).toMatchObject({ side: 'bilateral', volumeMl: 0.4 }); // 50 voxels × 8 mm³
    expect(byKey.LeftOnly).toMatchObject({ side: 'left', volumeMl: 0.2, uncertainty: 0.4, lowConfidence: true });
    expect(byKey.Middle).toMatchObject({ side: 'midline' });
    expect(byKey.Pair?.uncertainty).toBeUndefined();
    const value = (name: string) => table.measurements.find((m) => m.name === name)?.value;
    expect(value('Pair.left')).toBe(0.2);
    expect(value('Pair.right')).toBe(0.2);
    expect(value('total')).toBeCloseTo(0.4 + 0.2 + 0.4, 9);
    expect(byKey.LeftOnly?.centerLPS?.[0]).toBeCloseTo(-19 + 16 * 2, 9);
  });
});

describe('analysis bulk path', () => {
  it('accepts /bulk/analysis/<id>/<n> only', () => {
    expect(parseAnalysisBulkPath('/bulk/analysis/12/0')).toEqual({ analysisId: 12, outputIndex: 0 });
    for (const bad of ['/bulk/analysis/0/0', '/bulk/analysis/1/01', '/bulk/analysis/../1', '/bulk/analysis/1/0/x', '/bulk/analysis/1', '/bulk/volume/1/0']) {
      expect(parseAnalysisBulkPath(bad)).toBeNull();
    }
  });
});
