// Key images of the PDF report: for each finding the reader kept that has a position, the axial
// slice of its series through the finding's centre, windowed for the modality, with the
// finding's box drawn in red, as a small PNG. Patient (LPS) positions map to voxel indices with
// the inverse of the volume's orthonormal direction matrix (PS3.3 C.7.6.2.1.1).
import type { ReportFinding, StructuredReport } from '../../../shared/reports';
import { createAnalysisStore } from '../../inference/jobs/analysis-store';
import type { Database } from '../../store/database';
import { dot, sub, type Vec3 } from '../../volumes/vector-math';
import type { Volume } from '../../volumes/volume';
import { loadSeriesVolumes } from '../../volumes/series-volumes';
import { isReported } from '../report-builder';
import { encodePng } from './png-encoder';

export interface KeyImage {
  finding: ReportFinding;
  /** 1-based slice number in the volume, for the caption. */
  slice: number;
  width: number;
  height: number;
  png: Uint8Array;
}

/** Largest side of a key image in pixels: enough to see the lesion, small enough for a PDF. */
const MAX_SIDE = 256;

/** Window (centre, width) in modality units: CT lung or soft-tissue window, else the volume's range. */
function windowFor(volume: Volume, modality: string, finding: ReportFinding): [number, number] {
  if (modality === 'CT') return finding.type === 'nodule' || finding.type === 'mass' ? [-600, 1500] : [40, 400];
  const lo = volume.min * volume.rescaleSlope + volume.rescaleIntercept;
  const hi = volume.max * volume.rescaleSlope + volume.rescaleIntercept;
  return [(lo + hi) / 2, Math.max(1, hi - lo)];
}

function toIndex(volume: Volume, p: Vec3): Vec3 {
  const d = sub(p, volume.origin);
  return [dot(d, volume.direction[0]) / volume.spacing[0], dot(d, volume.direction[1]) / volume.spacing[1], dot(d, volume.direction[2]) / volume.spacing[2]];
}

/** The finding's box in (i, j) voxel indices: its bounds, else a square of its long axis around the centre. */
function boxOf(volume: Volume, f: ReportFinding, centre: Vec3): [number, number, number, number] {
  const v = f.values;
  if (v.boundsLPS) {
    const a = toIndex(volume, v.boundsLPS[0]);
    const b = toIndex(volume, v.boundsLPS[1]);
    return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
  }
  const half = Math.max(v.longAxisMm ?? 10, 4) / 2 + 2;
  const hi = half / volume.spacing[0];
  const hj = half / volume.spacing[1];
  return [centre[0] - hi, centre[1] - hj, centre[0] + hi, centre[1] + hj];
}

export function renderKeyImage(volume: Volume, modality: string, f: ReportFinding): KeyImage | null {
  const centreLPS = f.values.centerLPS;
  if (!centreLPS) return null;
  const [nx, ny, nz] = volume.dimensions;
  const centre = toIndex(volume, centreLPS);
  const k = Math.round(centre[2]);
  if (k < 0 || k >= nz || centre[0] < 0 || centre[0] > nx - 1 || centre[1] < 0 || centre[1] > ny - 1) return null;
  const step = Math.max(1, Math.ceil(Math.max(nx, ny) / MAX_SIDE));
  const width = Math.floor(nx / step);
  const height = Math.floor(ny / step);
  const [level, windowWidth] = windowFor(volume, modality, f);
  const low = level - windowWidth / 2;
  const rgb = new Uint8Array(width * height * 3);
  const plane = k * nx * ny;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const stored = Number(volume.voxels[plane + y * step * nx + x * step] ?? 0);
      const value = stored * volume.rescaleSlope + volume.rescaleIntercept;
      const grey = Math.max(0, Math.min(255, Math.round(((value - low) / windowWidth) * 255)));
      rgb.fill(grey, (y * width + x) * 3, (y * width + x) * 3 + 3);
    }
  }
  const [i0, j0, i1, j1] = boxOf(volume, f, centre).map((c) => c / step) as [number, number, number, number];
  const clampX = (v: number) => Math.max(0, Math.min(width - 1, Math.round(v)));
  const clampY = (v: number) => Math.max(0, Math.min(height - 1, Math.round(v)));
  const red = (x: number, y: number) => rgb.set([255, 40, 40], (y * width + x) * 3);
  for (let x = clampX(i0); x <= clampX(i1); x++) {
    red(x, clampY(j0));
    red(x, clampY(j1));
  }
  for (let y = clampY(j0); y <= clampY(j1); y++) {
    red(clampX(i0), y);
    red(clampX(i1), y);
  }
  return { finding: f, slice: k + 1, width, height, png: encodePng(width, height, rgb) };
}

interface SeriesInfo {
  uid: string;
  modality: string;
}

function seriesOf(db: Database, studyInstanceUID: string, f: ReportFinding): SeriesInfo | null {
  const analysis = f.ref.analysisId !== null ? createAnalysisStore(db).get(f.ref.analysisId) : null;
  const row = analysis
    ? db.prepare('SELECT series_instance_uid AS uid, modality FROM series WHERE series_instance_uid = ?').get(analysis.seriesInstanceUID)
    : // A finding the reader added names no series: the study's largest image series.
      db
        .prepare(
          `SELECT s.series_instance_uid AS uid, s.modality AS modality FROM series s JOIN studies st ON st.id = s.study_ref
           JOIN instances i ON i.series_ref = s.id WHERE st.study_instance_uid = ? AND i.image_position IS NOT NULL
           GROUP BY s.id ORDER BY count(*) DESC LIMIT 1`,
        )
        .get(studyInstanceUID);
  const info = row as { uid: string; modality: string | null } | undefined;
  return info ? { uid: info.uid, modality: info.modality ?? '' } : null;
}

/** Key images of the reported findings; `notes` says which findings have none and why (no PHI). */
export async function renderKeyImages(db: Database, storeDir: string, report: StructuredReport): Promise<{ images: KeyImage[]; notes: string[] }> {
  const images: KeyImage[] = [];
  const notes: string[] = [];
  for (const f of report.findings) {
    if (!isReported(f) || !f.values.centerLPS || f.type === 'structure' || f.type === 'core') continue;
    const series = seriesOf(db, report.studyInstanceUID, f);
    if (!series) {
      notes.push(`finding ${f.ref.findingId}: its series is not in the data folder`);
      continue;
    }
    const volumes = await loadSeriesVolumes({ db, storeDir }, series.uid);
    const image = volumes.map((v) => renderKeyImage(v, series.modality, f)).find((i) => i !== null);
    if (image) images.push(image);
    else notes.push(`finding ${f.ref.findingId}: its position lies outside the series volume`);
  }
  return { images, notes };
}
