// Brain mask for the stroke pipeline: the `brain-mask-mindgrab` package (skull stripping for
// any MR contrast) run on the mean b≈0 image, following that package's own manifest: conform
// to its cube (256³, 1 mm, LIA), percentile normalisation, its tensor layout; argmax; the
// largest 26-connected component; nearest-neighbour back onto the DWI grid.
import type { ModelManifest } from '../../../../shared/model-manifest';
import { AppError } from '../../../../shared/result';
import { conformVolume, inverseConformLabels } from '../conform/conform-volume';
import { type TensorLayout, tensorIndexer, toTensorData } from '../conform/tensor-layout';
import type { VoxelGrid } from '../conform/voxel-grid';
import type { ModelRunner } from '../pipeline';
import { largestComponent } from '../volume-ops/connected-components';

function step<K extends ModelManifest['preprocessing'][number]['op']>(manifest: ModelManifest, op: K) {
  return manifest.preprocessing.find((s) => s.op === op) as Extract<ModelManifest['preprocessing'][number], { op: K }> | undefined;
}

/** In place: clip to the [low, high] percentiles of all voxels and scale that range to [0, 1] (brainchop's normalisation). */
export function percentileNormalize(values: Float32Array, lowPercent: number, highPercent: number): void {
  const sorted = Float32Array.from(values).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * (sorted.length - 1)))] as number;
  const lo = at(lowPercent);
  const hi = at(highPercent);
  const span = hi - lo || 1;
  for (let v = 0; v < values.length; v++) values[v] = (Math.min(hi, Math.max(lo, values[v] as number)) - lo) / span;
}

/** 1 = brain, on `grid` (the DWI grid), from `s0` (modality values on that grid). */
export async function brainMaskFromB0(runner: ModelRunner, maskModelId: string, grid: VoxelGrid, s0: Float32Array): Promise<Uint8Array> {
  const manifest = runner.manifest(maskModelId);
  const conform = step(manifest, 'conform');
  const input = manifest.inputs[0];
  const output = manifest.outputs[0];
  if (!conform || !input || !output || conform.interpolation === 'cubic') {
    throw new AppError('MODEL_INVALID', `The ${maskModelId} package does not describe a conformed single-input model, so it cannot provide the brain mask; reinstall it.`);
  }
  const target = { size: conform.size, spacingMm: conform.spacingMm, orientation: conform.orientation };
  const conformed = conformVolume({ ...grid, voxels: s0, rescaleSlope: 1, rescaleIntercept: 0 }, target, conform.interpolation);
  const normalize = step(manifest, 'percentile_normalize');
  if (normalize) percentileNormalize(conformed.voxels, normalize.lowPercent, normalize.highPercent);
  const layout: TensorLayout = step(manifest, 'to_tensor')?.layout ?? 'last_axis_fastest';
  const dims = conformed.grid.dimensions;
  const { outputs } = await runner.run(maskModelId, { [input.name]: { dims: [1, 1, dims[0], dims[1], dims[2]], data: toTensorData(conformed.voxels, dims, layout) } });
  const logits = outputs[output.name]?.data;
  const n = dims[0] * dims[1] * dims[2];
  if (!logits || logits.length % n !== 0 || logits.length < 2 * n) {
    throw new AppError('MODEL_INVALID', `The ${maskModelId} model returned no per-class output of the conformed size; reinstall the package.`);
  }
  const classes = logits.length / n;
  const brainClass = Math.max(1, manifest.labels.find((l) => l.key === 'brain')?.index ?? 1);
  const at = tensorIndexer(dims, layout);
  const labels = new Uint8Array(n);
  for (let k = 0, v = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++, v++) {
        const t = at(i, j, k);
        let best = 0;
        let bestValue = logits[t] as number;
        for (let c = 1; c < classes; c++) {
          const value = logits[c * n + t] as number;
          if (value > bestValue) {
            best = c;
            bestValue = value;
          }
        }
        labels[v] = best === brainClass ? 1 : 0;
      }
  return inverseConformLabels(largestComponent(labels, dims, 26), conformed.grid, grid);
}
