// The `lung-cad` pipeline: chest CT → lung nodule and mass findings. Steps: working grid
// (working-grid.ts) → lung mask (lung-mask.ts) → the package's filter graph in the inference
// worker (dot/line responses) → candidates (lesion-candidates.ts) → false-positive rules and
// blob score (lesion-score.ts) → measurements on the source grid (lesion-measurements.ts) and
// location (lung-location.ts). Test-time augmentation repeats the detection on flipped,
// shifted working grids; a finding that the repeats do not confirm gets a higher uncertainty.
import type { Finding } from '../../../../shared/ai-results';
import { AppError } from '../../../../shared/result';
import { type Volume, voxelToPatient } from '../../../volumes/volume';
import type { OutputVolume, Pipeline, PipelineContext, PipelineResult } from '../pipeline';
import { type FilterMaps, findCandidates } from './lesion-candidates';
import { measureOnSource } from './lesion-measurements';
import { type ScoredCandidate, scoreCandidate } from './lesion-score';
import { type LungCadSettings, lungCadSettings } from './lung-cad-settings';
import { type LungGeometry, locate, lungGeometry } from './lung-location';
import { type LungMask, segmentLungs } from './lung-mask';
import { type Index3, type WorkingGrid, buildWorkingGrid, flipAxis, modalityValues, workingToSource } from './working-grid';

interface Augmentation {
  /** Source voxels the working blocks start at. */
  offset: Index3;
  /** Axis the filter input is mirrored along (and its output back), or none. */
  flip: 0 | 1 | null;
}

/** Identity first (its detections are the ones reported), then left-right and front-back flips on a grid shifted by one source pixel. */
const AUGMENTATIONS: readonly Augmentation[] = [
  { offset: [0, 0, 0], flip: null },
  { offset: [1, 1, 0], flip: 0 },
  { offset: [1, 1, 0], flip: 1 },
];

/** Smaller lungs than this (mL) mean the series is not a chest CT or the lungs are not in it. */
const MIN_LUNG_ML = 300;
const THICK_SLICE_MM = 5;

interface Detection {
  grid: WorkingGrid;
  lungs: LungMask;
  kept: ScoredCandidate[];
}

export const lungCadPipeline: Pipeline = async (ctx) => {
  const s = lungCadSettings(ctx.model.manifest);
  const volume = ctx.volumes.find((v) => v.dimensions[2] >= 3);
  if (!volume) throw new AppError('NOT_A_VOLUME', 'Lung nodule detection needs a CT volume of at least 3 slices; this series has none.');
  const sourceHu = modalityValues(volume);
  const runs = AUGMENTATIONS.slice(0, Math.max(1, Math.round(s.ttaRuns)));
  const detections: Detection[] = [];
  for (const [n, augmentation] of runs.entries()) {
    if (ctx.signal.aborted) throw new AppError('CANCELLED', 'The lung nodule analysis was cancelled.');
    detections.push(await detect(ctx, volume, sourceHu, augmentation, s));
    ctx.progress((0.85 * (n + 1)) / runs.length);
  }
  const result = report(volume, sourceHu, detections, s);
  ctx.progress(1);
  return result;
};

async function detect(ctx: PipelineContext, volume: Volume, sourceHu: Float32Array, a: Augmentation, s: LungCadSettings): Promise<Detection> {
  const grid = buildWorkingGrid(volume, sourceHu, s.minSpacingMm, a.offset);
  const lungs = segmentLungs(grid.hu, grid.dims, grid.spacing, s);
  if (lungs.volumeMl < MIN_LUNG_ML) return { grid, lungs, kept: [] };
  const maps = await runFilters(ctx, grid, a.flip);
  const scored = findCandidates(grid.hu, grid.dims, grid.spacing, lungs.region, maps, s).map((c) =>
    scoreCandidate(c, grid.hu, grid.dims, grid.spacing, lungs, s),
  );
  return { grid, lungs, kept: dedupe(scored.filter((c) => c.rejected === null), grid.dims) };
}

async function runFilters(ctx: PipelineContext, grid: WorkingGrid, flip: 0 | 1 | null): Promise<FilterMaps> {
  const [ni, nj, nk] = grid.dims;
  const { outputs } = await ctx.runner.run(ctx.model.manifest.id, {
    // A copy even unflipped: the runner transfers input buffers to the inference worker (detaching them here).
    ct: { dims: [1, 1, nk, nj, ni], data: flip === null ? grid.hu.slice() : flipAxis(grid.hu, grid.dims, flip) },
    spacing: { dims: [3], data: Float32Array.of(grid.spacing[2], grid.spacing[1], grid.spacing[0]) },
  });
  const take = (name: string) => {
    const t = outputs[name];
    if (!t || t.data.length !== grid.hu.length) throw new AppError('INFERENCE_FAILED', `The lung CAD filter graph returned no usable "${name}" output.`);
    return flipAxis(t.data, grid.dims, flip);
  };
  return { dot: take('dot'), line: take('line'), scale: take('dot_scale') };
}

/** Strongest first; a candidate whose centre or most of whose voxels belong to a kept one is the same lesion. */
function dedupe(candidates: ScoredCandidate[], dims: Index3): ScoredCandidate[] {
  const claimed = new Uint8Array(dims[0] * dims[1] * dims[2]);
  const kept: ScoredCandidate[] = [];
  for (const c of [...candidates].sort((x, y) => y.score - x.score || y.voxels.length - x.voxels.length)) {
    const centre = Math.round(c.centroid[0]) + dims[0] * (Math.round(c.centroid[1]) + dims[1] * Math.round(c.centroid[2]));
    let overlap = 0;
    for (const v of c.voxels) overlap += claimed[v] as number;
    if (claimed[centre] || overlap > 0.5 * c.voxels.length) continue;
    for (const v of c.voxels) claimed[v] = 1;
    kept.push(c);
  }
  return kept;
}

function report(volume: Volume, sourceHu: Float32Array, detections: Detection[], s: LungCadSettings): PipelineResult {
  const [main, ...others] = detections as [Detection, ...Detection[]];
  const m = voxelToPatient(volume);
  const lps = (p: readonly number[]): [number, number, number] =>
    [0, 1, 2].map((r) => m[r]![0]! * p[0]! + m[r]![1]! * p[1]! + m[r]![2]! * p[2]! + m[r]![3]!) as [number, number, number];
  const warnings: string[] = [];
  if (main.lungs.volumeMl < MIN_LUNG_ML) {
    warnings.push('No lungs were found in this series (is it a chest CT?); nothing was analysed.');
  }
  if (volume.spacing[2] > THICK_SLICE_MM) {
    warnings.push(`Slices are ${volume.spacing[2].toFixed(1)} mm apart: small nodules may be missed and sizes along the body axis are coarse.`);
  }
  const { grid, lungs } = main;
  const [ni, nj] = grid.dims;
  const workingLps = (v: number) => lps(workingToSource(grid, [v % ni, Math.floor(v / ni) % nj, Math.floor(v / (ni * nj))]));
  const midlineX = lps(workingToSource(grid, [lungs.midlineI, nj / 2, grid.dims[2] / 2]))[0];
  const geometry: LungGeometry = lungGeometry(lungs.lung, midlineX, workingLps);
  const repeats = others.map((d) => d.kept.map((c) => ({ score: c.score, at: lps(workingToSource(d.grid, c.centroid)) })));

  const labelmap = new Uint16Array(volume.voxels.length);
  const labels: OutputVolume['labels'] = {};
  const findings: Finding[] = [];
  for (const c of main.kept) {
    const lesion = measureOnSource(volume, sourceHu, grid, c.voxels, s);
    if (!lesion || lesion.longAxisMm < s.minDiameterMm) continue;
    const n = findings.length + 1;
    const mass = lesion.longAxisMm >= s.massDiameterMm;
    const calcified = lesion.meanHu >= s.calcifiedHu;
    // Disagreement of the repeats: a repeat that misses the finding counts 1, one that finds it counts its score change.
    const radius = Math.max(5, lesion.longAxisMm / 2);
    const disagreements = repeats.map((list) => {
      const match = list.find((r) => Math.hypot(...r.at.map((x, a) => x - lesion.centerLPS[a]!)) <= radius);
      return match ? Math.min(1, Math.abs(match.score - c.score) * 2) : 1;
    });
    const uncertainty = disagreements.length ? disagreements.reduce((x, y) => x + y, 0) / disagreements.length : 0;
    const where = locate(lesion.centerLPS, geometry);
    const noun = mass ? { en: 'Mass', 'zh-CN': '肿块' } : { en: 'Nodule', 'zh-CN': '结节' };
    const name = calcified ? { en: `Calcified ${noun.en.toLowerCase()} ${n}`, 'zh-CN': `钙化${noun['zh-CN']} ${n}` } : { en: `${noun.en} ${n}`, 'zh-CN': `${noun['zh-CN']} ${n}` };
    for (const v of lesion.voxels) labelmap[v] = n;
    labels[String(n)] = { key: `f${n}`, name, color: mass ? [255, 64, 64] : [255, 200, 0] };
    findings.push({
      id: `f${n}`,
      type: mass ? 'mass' : 'nodule',
      label: mass ? 'mass' : 'nodule',
      name,
      probability: round(c.score, 3),
      uncertainty: round(uncertainty, 3),
      lowConfidence: uncertainty > s.lowConfidenceUncertainty,
      centerLPS: lesion.centerLPS.map((x) => round(x, 2)) as [number, number, number],
      boundsLPS: lesion.boundsLPS.map((p) => p.map((x) => round(x, 2))) as Finding['boundsLPS'],
      longAxisMm: round(lesion.longAxisMm, 1),
      shortAxisMm: round(lesion.shortAxisMm, 1),
      volumeMl: round(lesion.volumeMl, 3),
      meanValue: Math.round(lesion.meanHu),
      consistency: lesion.consistency,
      side: where.side,
      location: where.location,
      locationName: where.locationName,
      labelValue: n,
    });
  }
  const outputs: OutputVolume[] = findings.length
    ? [{ kind: 'labelmap', name: 'lung_lesions', labels, grid: volume, voxels: labelmap }]
    : [];
  return {
    findings,
    measurements: [
      { name: 'lung_volume', value: round(lungs.volumeMl, 1), unit: 'mL', label: { en: 'Aerated lung volume', 'zh-CN': '含气肺容积' } },
      { name: 'lesion_count', value: findings.length, unit: 'count', label: { en: 'Lesions found', 'zh-CN': '检出病灶数' } },
    ],
    outputs,
    warnings,
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
