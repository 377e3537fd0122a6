// FIXTURE: a lung CAD analysis with a label-map output, stored through the real jobs table, output
// writer and analysis store: one box per fixture nodule (label n+1 for FIXTURE_FINDINGS[n], the
// finding's labelValue) on the series' own volume grid, plus label 4, an organ no finding owns.
import type { Database } from '../../electron/core/store/database';
import { createAnalysisStore } from '../../electron/core/inference/jobs/analysis-store';
import { writeAnalysisOutputs } from '../../electron/core/inference/jobs/output-writer';
import type { Volume } from '../../electron/core/volumes/volume';
import type { AnalysisResult } from '../../electron/shared/ai-results';
import { FIXTURE_FINDINGS, FIXTURE_MODEL, recordFixtureJob } from './analysis-fixture';

export type Vec3 = [number, number, number];
/** Box half-size in voxels (i, j, k). */
export const BOX_HALF = [3, 3, 2] as const;

/** Grid index of an LPS point (the grid's directions are orthonormal). */
export function toGridIndex(v: Pick<Volume, 'origin' | 'direction' | 'spacing'>, p: readonly number[]): Vec3 {
  return [0, 1, 2].map((a) => Math.round(v.direction[a]!.reduce((s, d, k) => s + d * (p[k]! - v.origin[k]!), 0) / v.spacing[a]!)) as Vec3;
}

function paintBox(voxels: Uint8Array, dims: readonly number[], centre: Vec3, value: number): number {
  let n = 0;
  for (let k = centre[2] - BOX_HALF[2]; k <= centre[2] + BOX_HALF[2]; k++)
    for (let j = centre[1] - BOX_HALF[1]; j <= centre[1] + BOX_HALF[1]; j++)
      for (let i = centre[0] - BOX_HALF[0]; i <= centre[0] + BOX_HALF[0]; i++) {
        voxels[i + dims[0]! * (j + dims[1]! * k)] = value;
        n++;
      }
  return n;
}

export interface LabelmapFixture {
  analysis: AnalysisResult;
  /** Box centres (grid indices) of labels 1..4, and their voxel counts. */
  centres: Vec3[];
  boxVoxels: number[];
}

export function storeLabelmapAnalysis(db: Database, dataDir: string, studyInstanceUID: string, volume: Volume, seriesInstanceUID: string): LabelmapFixture {
  const dims = volume.dimensions;
  const labels = new Uint8Array(dims[0] * dims[1] * dims[2]);
  const centres: Vec3[] = [];
  const boxVoxels: number[] = [];
  // Boxes at the nodules' centres, clamped into the grid, and one in the middle for the organ.
  for (const [n, f] of FIXTURE_FINDINGS.entries()) {
    const c = toGridIndex(volume, f.centerLPS!).map((x, a) => Math.min(Math.max(x, 10), dims[a]! - 11)) as Vec3;
    centres.push(c);
    boxVoxels.push(paintBox(labels, dims, c, n + 1));
  }
  const organ: Vec3 = [Math.floor(dims[0] / 2), Math.floor(dims[1] / 2), Math.floor(dims[2] / 2)];
  centres.push(organ);
  boxVoxels.push(paintBox(labels, dims, organ, 4));

  const at = new Date().toISOString();
  const jobId = recordFixtureJob(db, studyInstanceUID, seriesInstanceUID);
  const color = [200, 50, 50] as [number, number, number];
  const label = (key: string) => ({ key, name: { en: key, 'zh-CN': key }, color });
  const written = writeAnalysisOutputs(dataDir, jobId, [
    {
      kind: 'labelmap',
      name: 'nodules',
      grid: { dimensions: volume.dimensions, spacing: volume.spacing, origin: volume.origin, direction: volume.direction },
      voxels: labels,
      labels: { '1': label('nodule'), '2': label('nodule'), '3': label('nodule'), '4': label('left_lung') },
    },
  ]);
  const analysis: AnalysisResult = {
    analysisId: jobId,
    studyInstanceUID,
    seriesInstanceUID,
    model: FIXTURE_MODEL,
    provider: 'cpu',
    seconds: 0.1,
    findings: FIXTURE_FINDINGS.map((f, n) => ({ ...f, labelValue: n + 1 })),
    measurements: [],
    outputs: written.outputs,
    warnings: [],
    createdAt: at,
  };
  createAnalysisStore(db).save(analysis, written.grids);
  return { analysis, centres, boxVoxels };
}
