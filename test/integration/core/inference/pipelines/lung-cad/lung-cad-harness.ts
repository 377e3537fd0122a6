// Runs the lung-cad pipeline outside the job service, on a real series from ../shared: builds
// the lung-nodule-cad package into a temporary folder, opens its model.onnx with the project's
// ONNX Runtime session (hash checked, CPU) and gives the pipeline a runner over it. Shared by the
// integration test and test/bench/inference/lung-cad-bench.ts. Also reads the A0002 ground truth.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ModelManifest } from '../../../../../../electron/shared/model-manifest';
import { createModelSession } from '../../../../../../electron/core/inference/runtime/model-session';
import type { PipelineResult } from '../../../../../../electron/core/inference/pipelines/pipeline';
import { lungCadPipeline } from '../../../../../../electron/core/inference/pipelines/lung-cad/lung-cad-pipeline';
import { numbers, readDataset, text } from '../../../../../../electron/core/volumes/dicom-dataset';
import { assembleVolumes } from '../../../../../../electron/core/volumes/volume-assembly';
import type { Volume } from '../../../../../../electron/core/volumes/volume';
import { LUNG_NODULE_CAD_PACKAGE } from '../../../../../../native-models/src/lung-cad/lung-nodule-cad-package';
import { sharedData } from '../../../../../support/shared-data';

export const A0002 = sharedData('ct-chest-lung-pet-ct-dx', 'A0002');

export interface LungCad {
  manifest: ModelManifest;
  analyze(volume: Volume): Promise<PipelineResult>;
  release(): Promise<void>;
}

export async function openLungCad(outRoot: string): Promise<LungCad> {
  const built = LUNG_NODULE_CAD_PACKAGE.build(outRoot);
  const session = await createModelSession(path.join(built.dir, 'model.onnx'), built.manifest.sha256, { providers: ['cpu'] });
  const manifest = built.manifest;
  return {
    manifest,
    analyze: (volume) =>
      lungCadPipeline({
        model: { manifest, card: '', installedAt: new Date(0).toISOString(), enabled: true },
        volumes: [volume],
        runner: {
          // As the job service's runner does, hand the input buffers over (the caller's copies are detached).
          run: async (_id, inputs) => {
            const moved = structuredClone(inputs, { transfer: Object.values(inputs).map((t) => t.data.buffer as ArrayBuffer) });
            return { outputs: await session.run(moved), provider: session.provider };
          },
          manifest: () => manifest,
        },
        progress: () => undefined,
        signal: new AbortController().signal,
      }),
    release: () => session.release(),
  };
}

export async function loadSeries(folder: string): Promise<Volume> {
  const files = readdirSync(folder).filter((f) => f.endsWith('.dcm')).sort().map((f) => new Uint8Array(readFileSync(path.join(folder, f))));
  const [volume] = await assembleVolumes(files);
  if (!volume) throw new Error(`no volume in ${folder}`);
  return volume;
}

/** One ground-truth box: the annotated slice's position along the stack normal and the box corners in LPS. */
export interface TruthBox {
  sliceZ: number;
  min: [number, number, number];
  max: [number, number, number];
}

/**
 * The Pascal VOC boxes (pixel columns x, rows y) mapped to LPS through the geometry of the slice
 * they name (file name = SOPInstanceUID, found in either reconstruction: both share one
 * acquisition and slice positions, so the union is the tumour's extent).
 */
export function a0002TruthBoxes(): TruthBox[] {
  const slices = new Map<string, { ipp: number[]; iop: number[]; spacing: number[] }>();
  for (const series of ['series-B40f', 'series-B70f']) {
    const folder = path.join(A0002, series);
    for (const f of readdirSync(folder).filter((n) => n.endsWith('.dcm'))) {
      const { dict } = readDataset(new Uint8Array(readFileSync(path.join(folder, f))));
      slices.set(text(dict, '00080018'), { ipp: numbers(dict, '00200032'), iop: numbers(dict, '00200037'), spacing: numbers(dict, '00280030') });
    }
  }
  const folder = path.join(A0002, 'annotations');
  return readdirSync(folder)
    .filter((f) => f.endsWith('.xml'))
    .map((f) => {
      const slice = slices.get(f.slice(0, -4));
      if (!slice) throw new Error(`annotation ${f} names no slice of A0002`);
      const xml = readFileSync(path.join(folder, f), 'utf8');
      const value = (tag: string) => {
        const m = new RegExp(`<${tag}>\\s*([\\d.]+)\\s*</${tag}>`).exec(xml);
        if (!m) throw new Error(`annotation ${f} has no ${tag}`);
        return Number(m[1]);
      };
      // PS3.3 C.7.6.2.1.1: P = IPP + column·Δc·rowCosines + row·Δr·columnCosines (PixelSpacing = [Δr, Δc]).
      const [dr = 0, dc = 0] = slice.spacing;
      const at = (col: number, row: number) =>
        [0, 1, 2].map((a) => slice.ipp[a]! + col * dc * slice.iop[a]! + row * dr * slice.iop[3 + a]!) as [number, number, number];
      const p = at(value('xmin'), value('ymin'));
      const q = at(value('xmax'), value('ymax'));
      return {
        sliceZ: slice.ipp[2]!,
        min: [Math.min(p[0], q[0]), Math.min(p[1], q[1]), slice.ipp[2]!],
        max: [Math.max(p[0], q[0]), Math.max(p[1], q[1]), slice.ipp[2]!],
      };
    });
}

/** True when `c` lies inside a box in-plane and within half a slice of that box's slice. */
export function insideTruth(c: readonly number[], boxes: readonly TruthBox[], sliceSpacing: number): boolean {
  return boxes.some(
    (b) => Math.abs(c[2]! - b.sliceZ) <= sliceSpacing / 2 && c[0]! >= b.min[0] && c[0]! <= b.max[0] && c[1]! >= b.min[1] && c[1]! <= b.max[1],
  );
}
