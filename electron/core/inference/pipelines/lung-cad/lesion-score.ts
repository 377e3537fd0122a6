// Shape features of a candidate on the working grid, the false-positive rules and the blob
// score. The score is deliberately transparent: the geometric mean of three numbers in [0, 1]
//   blobness    dot / (dot + line) at the strongest dot voxel (Li et al. 2003: nodules are dot-,
//               vessels line-like); 1 for regions larger than the largest filter scale, where
//               the filters do not measure shape;
//   compactness 1 / elongation (ratio of the principal axes in mm);
//   density     how far the mean HU is above the growing boundary, full at the solid threshold.
// It is not a calibrated probability and is named as a score wherever it is shown.
import type { CandidateRegion } from './lesion-candidates';
import type { LungCadSettings } from './lung-cad-settings';
import type { Index3 } from './working-grid';

/**
 * A lesion in the lung borders aerated lung on much of its surface (a juxtapleural nodule, a
 * hemisphere on the pleura, on about half); a region with less than this share lies in the chest
 * wall or mediastinum and was only brought inside by the lung mask's closing.
 */
const MIN_LUNG_CONTACT = 0.2;

export interface ScoredCandidate extends CandidateRegion {
  /** Centroid in working voxel coordinates. */
  centroid: Index3;
  equivalentDiameterMm: number;
  elongation: number;
  meanHu: number;
  /** Share of the region's outer face neighbours that are aerated lung (vs chest wall, mediastinum). */
  lungContact: number;
  score: number;
  /** Why it was dropped; null when it is kept. */
  rejected: 'small' | 'elongated' | 'outside-lung' | 'low-score' | null;
}

export function scoreCandidate(
  c: CandidateRegion,
  hu: Float32Array,
  dims: Index3,
  spacing: Index3,
  masks: { lung: Uint8Array; region: Uint8Array },
  s: LungCadSettings,
): ScoredCandidate {
  const region = masks.region;
  const [ni, nj] = dims;
  const n = c.voxels.length;
  let sumHu = 0;
  const mean = [0, 0, 0];
  for (const v of c.voxels) {
    sumHu += hu[v] as number;
    mean[0]! += v % ni;
    mean[1]! += Math.floor(v / ni) % nj;
    mean[2]! += Math.floor(v / (ni * nj));
  }
  const centroid = mean.map((m) => m / n) as Index3;
  // Covariance in mm², plus each voxel's own extent (s²/12): a one-slice region is not flat.
  const cov = [0, 0, 0, 0, 0, 0];
  for (const v of c.voxels) {
    const x = ((v % ni) - centroid[0]) * spacing[0];
    const y = ((Math.floor(v / ni) % nj) - centroid[1]) * spacing[1];
    const z = (Math.floor(v / (ni * nj)) - centroid[2]) * spacing[2];
    cov[0]! += x * x;
    cov[1]! += y * y;
    cov[2]! += z * z;
    cov[3]! += x * y;
    cov[4]! += x * z;
    cov[5]! += y * z;
  }
  const m = cov.map((value) => value / n);
  for (let a = 0; a < 3; a++) m[a]! += spacing[a]! ** 2 / 12;
  const eig = symmetricEigenvalues3(m as [number, number, number, number, number, number]);
  const elongation = Math.sqrt(Math.max(eig[0], 1e-9) / Math.max(eig[2], 1e-9));
  const volumeMm3 = n * spacing[0] * spacing[1] * spacing[2];
  const equivalentDiameterMm = Math.cbrt((6 * volumeMm3) / Math.PI);
  const meanHu = sumHu / n;

  const largestBlobMm = Math.sqrt(3) * Math.max(...s.scalesMm);
  const blobness = equivalentDiameterMm > 2 * largestBlobMm ? 1 : c.dot / (c.dot + c.line + 1e-9);
  const compactness = 1 / elongation;
  const density = Math.min(1, Math.max(0, (meanHu - s.growHu) / (s.solidHu - s.growHu)));
  const score = Math.cbrt(blobness * compactness * density);

  const lungContact = contactWithLung(c.voxels, dims, masks.lung);
  const centre = Math.round(centroid[0]) + ni * (Math.round(centroid[1]) + nj * Math.round(centroid[2]));
  let rejected: ScoredCandidate['rejected'] = null;
  if (equivalentDiameterMm < s.minDiameterMm) rejected = 'small';
  else if (elongation > s.maxElongation) rejected = 'elongated';
  else if (!region[centre] || lungContact < MIN_LUNG_CONTACT) rejected = 'outside-lung';
  else if (score < s.reportScore) rejected = 'low-score';
  return { ...c, centroid, equivalentDiameterMm, elongation, meanHu, lungContact, score, rejected };
}

/** Face neighbours (6-connected) of the region outside it: the share that is aerated lung. */
function contactWithLung(voxels: Int32Array, dims: Index3, lung: Uint8Array): number {
  const [ni, nj, nk] = dims;
  const inside = new Set<number>(voxels);
  let faces = 0;
  let lungFaces = 0;
  for (const v of voxels) {
    const i = v % ni;
    const j = Math.floor(v / ni) % nj;
    const k = Math.floor(v / (ni * nj));
    const neighbours = [i > 0 ? v - 1 : -1, i < ni - 1 ? v + 1 : -1, j > 0 ? v - ni : -1, j < nj - 1 ? v + ni : -1, k > 0 ? v - ni * nj : -1, k < nk - 1 ? v + ni * nj : -1];
    for (const n of neighbours) {
      if (n < 0 || inside.has(n)) continue;
      faces++;
      lungFaces += lung[n] as number;
    }
  }
  return faces ? lungFaces / faces : 0;
}

/** Eigenvalues (descending) of [[xx,xy,xz],[xy,yy,yz],[xz,yz,zz]] given as [xx,yy,zz,xy,xz,yz]. */
export function symmetricEigenvalues3([a, b, c, d, e, f]: [number, number, number, number, number, number]): [number, number, number] {
  const q = (a + b + c) / 3;
  const p2 = (a - q) ** 2 + (b - q) ** 2 + (c - q) ** 2 + 2 * (d * d + e * e + f * f);
  const p = Math.sqrt(p2 / 6);
  if (p < 1e-12) return [q, q, q];
  const det = (a - q) * ((b - q) * (c - q) - f * f) - d * (d * (c - q) - f * e) + e * (d * f - (b - q) * e);
  const r = Math.min(1, Math.max(-1, det / (2 * p * p * p)));
  const phi = Math.acos(r) / 3;
  const e1 = q + 2 * p * Math.cos(phi);
  const e3 = q + 2 * p * Math.cos(phi + (2 * Math.PI) / 3);
  return [e1, 3 * q - e1 - e3, e3];
}
