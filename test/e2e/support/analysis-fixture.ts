// FIXTURE, not a model output: stores an AI analysis of the chest CT exactly as the job service
// stores one (a done job, the AnalysisResult in the analyses table, its label map as NIfTI under
// outputs/analyses/<id>/) so the viewer's overlays can be tested end to end without a model run.
// The label map is real data: the case's ground-truth tumour boxes (Pascal VOC, one XML per
// annotated slice, named by SOPInstanceUID) filled where the CT is soft tissue (> −500 HU).
// A second, marker-only finding is flagged low confidence so the flag's text can be checked; a
// parametric map (HU inside the label) gives the colour bar something to show.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createAnalysisStore } from '../../../electron/core/inference/jobs/analysis-store';
import { encodeNifti } from '../../../electron/core/nifti/nifti-writer';
import type { Volume } from '../../../electron/core/volumes/volume';
import type { AnalysisResult, Finding } from '../../../electron/shared/ai-results';
import type { RunningWebApp } from './web-app';

export const TUMOUR_COLOR: [number, number, number] = [255, 0, 255];

export interface AnalysisFixture {
  analysisId: number;
  tumour: Finding;
  lowConfidence: Finding;
  /** The volume the label map was built on (the series' first volume). */
  volume: Volume;
}

function boxesOf(annotationsDir: string): { sop: string; box: [number, number, number, number] }[] {
  return readdirSync(annotationsDir)
    .filter((f) => f.endsWith('.xml'))
    .map((f) => {
      const xml = readFileSync(path.join(annotationsDir, f), 'utf8');
      const n = (tag: string) => Number(new RegExp(`<${tag}>(\\d+)</${tag}>`).exec(xml)?.[1]);
      return { sop: f.slice(0, -4), box: [n('xmin'), n('ymin'), n('xmax'), n('ymax')] as [number, number, number, number] };
    });
}

export async function storeTumourAnalysisFixture(app: RunningWebApp, seriesUID: string, studyUID: string, annotationsDir: string): Promise<AnalysisFixture> {
  const db = app.core.db;
  const volume = await app.core.volumes.volume(seriesUID, 0);
  const [nx, ny, nz] = volume.dimensions;
  const label = new Uint8Array(nx * ny * nz);
  const position = db.prepare('SELECT image_position AS p FROM instances WHERE sop_instance_uid = ?');
  const [, , axisK] = volume.direction;
  let count = 0;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  const sum = [0, 0, 0];
  for (const { sop, box } of boxesOf(annotationsDir)) {
    const row = position.get(sop) as { p: string } | undefined;
    if (!row) continue; // annotated slices of the other reconstruction (B40f)
    const ipp = JSON.parse(row.p) as number[];
    const k = Math.round(((ipp[0]! - volume.origin[0]) * axisK[0] + (ipp[1]! - volume.origin[1]) * axisK[1] + (ipp[2]! - volume.origin[2]) * axisK[2]) / volume.spacing[2]);
    for (let j = box[1]; j <= box[3]; j++)
      for (let i = box[0]; i <= box[2]; i++) {
        const n = i + nx * (j + ny * k);
        if ((volume.voxels[n] as number) * volume.rescaleSlope + volume.rescaleIntercept <= -500) continue;
        label[n] = 1;
        count++;
        const p = [0, 1, 2].map((a) => volume.origin[a]! + volume.direction[0][a]! * i * volume.spacing[0] + volume.direction[1][a]! * j * volume.spacing[1] + volume.direction[2][a]! * k * volume.spacing[2]);
        p.forEach((v, a) => {
          lo[a] = Math.min(lo[a]!, v);
          hi[a] = Math.max(hi[a]!, v);
          sum[a]! += v;
        });
      }
  }
  if (count === 0) throw new Error('fixture: no ground-truth box falls on this series');

  const job = db
    .prepare(
      `INSERT INTO jobs (series_instance_uid, study_instance_uid, model_id, model_version, model_sha256, priority, state, progress, created_at, started_at, finished_at, provider)
       VALUES (?, ?, 'e2e-fixture', '0.0.1', ?, 'routine', 'done', 1, ?, ?, ?, 'cpu') RETURNING id`,
    )
    .get(seriesUID, studyUID, 'f'.repeat(64), new Date().toISOString(), new Date().toISOString(), new Date().toISOString()) as { id: number };
  const relative = path.join('outputs', 'analyses', String(job.id), 'tumour.nii.gz');
  mkdirSync(path.dirname(path.join(app.dataDir, relative)), { recursive: true });
  const labelVolume: Volume = { ...volume, label: '', voxelType: 'uint8', voxels: label, rescaleSlope: 1, rescaleIntercept: 0, min: 0, max: 1, warnings: [] };
  writeFileSync(path.join(app.dataDir, relative), encodeNifti([labelVolume], { gzip: true, description: 'e2e fixture' }));
  // A parametric map on the same grid: the CT density (HU) inside the tumour label, for the colour bar.
  // NaN outside the label: no value there, drawn transparent (0 HU would be water, a real value).
  const density = new Float32Array(label.length).fill(Number.NaN);
  label.forEach((l, n) => {
    if (l) density[n] = (volume.voxels[n] as number) * volume.rescaleSlope + volume.rescaleIntercept;
  });
  const densityRelative = path.join('outputs', 'analyses', String(job.id), 'tumour_hu.nii.gz');
  const densityVolume: Volume = { ...labelVolume, voxelType: 'float32', voxels: density, min: -500, max: 200 };
  writeFileSync(path.join(app.dataDir, densityRelative), encodeNifti([densityVolume], { gzip: true, description: 'e2e fixture' }));

  const half = volume.spacing.map((s) => s / 2);
  const longAxisMm = Math.max(hi[0]! - lo[0]! + 2 * half[0]!, hi[1]! - lo[1]! + 2 * half[1]!);
  const center = sum.map((v) => v / count) as [number, number, number];
  const tumour: Finding = {
    id: 'f1',
    type: longAxisMm >= 30 ? 'mass' : 'nodule',
    label: 'tumour',
    name: { en: 'Tumour', 'zh-CN': '肿瘤' },
    probability: 0.91,
    uncertainty: 0.05,
    lowConfidence: false,
    centerLPS: center,
    boundsLPS: [lo.map((v, a) => v - half[a]!) as [number, number, number], hi.map((v, a) => v + half[a]!) as [number, number, number]],
    longAxisMm,
    volumeMl: (count * volume.spacing[0] * volume.spacing[1] * volume.spacing[2]) / 1000,
    side: center[0] > 0 ? 'left' : 'right',
    labelValue: 1,
  };
  // Marker only, 60 mm lower in the chest, below the tumour's slices: a second stop for N.
  const lowConfidence: Finding = {
    id: 'f2',
    type: 'nodule',
    label: 'nodule',
    name: { en: 'Nodule', 'zh-CN': '结节' },
    probability: 0.35,
    uncertainty: 0.62,
    lowConfidence: true,
    centerLPS: [center[0], center[1], center[2] - 60],
    longAxisMm: 5.2,
  };
  const result: AnalysisResult = {
    analysisId: job.id,
    seriesInstanceUID: seriesUID,
    studyInstanceUID: studyUID,
    model: { id: 'e2e-fixture', version: '0.0.1', sha256: 'f'.repeat(64) },
    provider: 'cpu',
    seconds: 0,
    findings: [tumour, lowConfidence],
    measurements: [],
    outputs: [
      {
        kind: 'labelmap',
        name: 'tumour',
        path: relative,
        labels: { '1': { key: 'tumour', name: { en: 'Tumour', 'zh-CN': '肿瘤' }, color: TUMOUR_COLOR } },
      },
      { kind: 'parametric', name: 'tumour_hu', path: densityRelative, unit: 'HU', displayRange: [-500, 100], colorMap: 'viridis' },
    ],
    warnings: [],
    createdAt: new Date().toISOString(),
  };
  const grid = { dimensions: volume.dimensions, spacing: volume.spacing, origin: volume.origin, direction: volume.direction };
  createAnalysisStore(db).save(result, [
    { ...grid, dtype: 'uint8' },
    { ...grid, dtype: 'float32' },
  ]);
  // As the job service announces a finished job: the worklist's triage follows.
  app.core.events.emit('ai:jobFinished', { jobId: job.id, seriesInstanceUID: seriesUID, studyInstanceUID: studyUID, state: 'done', errorCode: null });
  return { analysisId: job.id, tumour, lowConfidence, volume };
}
