// Candidate lesions on the working grid, from two sources:
// 1. local maxima of the graph's dot (blob) response inside the lung region, each grown above
//    `growHu` within a ball a few blob radii wide and opened to cut the vessels it touches;
// 2. dense lung components that survive a 3 mm opening (in-plane): masses larger than the
//    filter scales, whose flat interior gives no blob response.
import { connectedComponents } from '../volume-ops/connected-components';
import { erodeSlices, dilateSlices, openSlices } from '../volume-ops/slice-morphology';
import type { LungCadSettings } from './lung-cad-settings';
import type { Index3 } from './working-grid';

export interface FilterMaps {
  dot: Float32Array;
  line: Float32Array;
  /** Index into settings.scalesMm of the strongest dot scale. */
  scale: Float32Array;
}

export interface CandidateRegion {
  /** Working voxel indices. */
  voxels: Int32Array;
  /** Dot response maximum in the region, and the line response at that voxel. */
  dot: number;
  line: number;
  /** √3·σ of the matched scale in mm (radius of the best-matching sphere); 0 for mass-path regions. */
  blobRadiusMm: number;
}

/** Distance in mm from the seed beyond which a dot candidate may not grow, in blob radii. */
const GROW_LIMIT_RADII = 3;
/** Never limit growth below this (mm): small blobs still get their whole partial-volume rim. */
const MIN_GROW_LIMIT_MM = 12;
/** In-plane opening of the mass path (mm): removes vessels up to about 6 mm across. */
const MASS_OPENING_MM = 3;
/** At most this many dot maxima are grown (strongest first): bounds run time on noisy scans. */
const MAX_SEEDS = 300;

export function findCandidates(hu: Float32Array, dims: Index3, spacing: Index3, region: Uint8Array, maps: FilterMaps, s: LungCadSettings): CandidateRegion[] {
  const eligible = new Uint8Array(hu.length);
  for (let v = 0; v < hu.length; v++) eligible[v] = region[v] && (hu[v] as number) >= s.growHu ? 1 : 0;
  const out: CandidateRegion[] = [];
  for (const seed of dotMaxima(dims, region, eligible, maps, s.dotMin)) {
    const sigma = s.scalesMm[maps.scale[seed] as number] ?? s.scalesMm[0]!;
    const grown = growFromSeed(seed, dims, spacing, eligible, Math.max(GROW_LIMIT_RADII * Math.sqrt(3) * sigma, MIN_GROW_LIMIT_MM), Math.sqrt(3) * sigma / 2);
    if (grown) out.push({ voxels: grown, ...peakResponse(grown, maps), blobRadiusMm: Math.sqrt(3) * sigma });
  }
  const opened = openSlices(eligible, dims, Math.max(1, Math.round(MASS_OPENING_MM / Math.min(spacing[0], spacing[1]))));
  const { labels, sizes } = connectedComponents(opened, dims, 26);
  const voxelMm3 = spacing[0] * spacing[1] * spacing[2];
  const minVoxels = ((Math.PI / 6) * s.minDiameterMm ** 3) / voxelMm3;
  const members = sizes.map((size) => (size >= minVoxels ? new Int32Array(size) : null));
  const fill = new Int32Array(sizes.length);
  for (let v = 0; v < labels.length; v++) {
    const label = labels[v] as number;
    const list = label ? members[label - 1] : null;
    if (list) list[fill[label - 1]!++] = v;
  }
  for (const list of members) if (list) out.push({ voxels: list, ...peakResponse(list, maps), blobRadiusMm: 0 });
  return out;
}

/** 26-neighbourhood maxima of `dot` at or above `dotMin` inside the lung region, strongest first. */
function dotMaxima(dims: Index3, region: Uint8Array, eligible: Uint8Array, maps: FilterMaps, dotMin: number): number[] {
  const [ni, nj, nk] = dims;
  const seeds: number[] = [];
  for (let k = 0; k < nk; k++)
    for (let j = 1; j < nj - 1; j++)
      for (let i = 1; i < ni - 1; i++) {
        const v = (k * nj + j) * ni + i;
        const d = maps.dot[v] as number;
        if (d < dotMin || !region[v] || !eligible[v]) continue;
        let isMax = true;
        for (let dk = -1; dk <= 1 && isMax; dk++) {
          const kk = k + dk;
          if (kk < 0 || kk >= nk) continue;
          for (let dj = -1; dj <= 1 && isMax; dj++)
            for (let di = -1; di <= 1; di++) {
              const n = (kk * nj + j + dj) * ni + i + di;
              if (n !== v && (maps.dot[n] as number) > d) {
                isMax = false;
                break;
              }
            }
        }
        if (isMax) seeds.push(v);
      }
  seeds.sort((a, b) => (maps.dot[b] as number) - (maps.dot[a] as number));
  return seeds.slice(0, MAX_SEEDS);
}

function peakResponse(voxels: Int32Array, maps: FilterMaps): { dot: number; line: number } {
  let best = -1;
  let dot = -Infinity;
  for (const v of voxels) {
    if ((maps.dot[v] as number) > dot) {
      dot = maps.dot[v] as number;
      best = v;
    }
  }
  return { dot: Math.max(0, dot), line: best >= 0 ? (maps.line[best] as number) : 0 };
}

/**
 * Region growing (26-connected) from `seed` over `eligible` voxels within `limitMm` of it, then
 * an in-plane opening of `openMm` keeping the part at the seed: a nodule touching a vessel
 * keeps its body and loses the vessel. Null when nothing survives the opening (a thin structure).
 */
function growFromSeed(seed: number, dims: Index3, spacing: Index3, eligible: Uint8Array, limitMm: number, openMm: number): Int32Array | null {
  const [ni, nj, nk] = dims;
  const si = seed % ni;
  const sj = Math.floor(seed / ni) % nj;
  const sk = Math.floor(seed / (ni * nj));
  const r = [0, 1, 2].map((a) => Math.ceil(limitMm / spacing[a]!)) as Index3;
  const lo = [Math.max(0, si - r[0]), Math.max(0, sj - r[1]), Math.max(0, sk - r[2])];
  const hi = [Math.min(ni - 1, si + r[0]), Math.min(nj - 1, sj + r[1]), Math.min(nk - 1, sk + r[2])];
  const box: Index3 = [hi[0]! - lo[0]! + 1, hi[1]! - lo[1]! + 1, hi[2]! - lo[2]! + 1];
  const local = new Uint8Array(box[0] * box[1] * box[2]);
  const toLocal = (i: number, j: number, k: number) => ((k - lo[2]!) * box[1] + (j - lo[1]!)) * box[0] + (i - lo[0]!);
  const queue: number[] = [seed];
  local[toLocal(si, sj, sk)] = 1;
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    const i = v % ni;
    const j = Math.floor(v / ni) % nj;
    const k = Math.floor(v / (ni * nj));
    for (let dk = -1; dk <= 1; dk++)
      for (let dj = -1; dj <= 1; dj++)
        for (let di = -1; di <= 1; di++) {
          const ii = i + di;
          const jj = j + dj;
          const kk = k + dk;
          if (ii < lo[0]! || jj < lo[1]! || kk < lo[2]! || ii > hi[0]! || jj > hi[1]! || kk > hi[2]!) continue;
          const l = toLocal(ii, jj, kk);
          const n = (kk * nj + jj) * ni + ii;
          if (local[l] || !eligible[n]) continue;
          if (Math.hypot((ii - si) * spacing[0], (jj - sj) * spacing[1], (kk - sk) * spacing[2]) > limitMm) continue;
          local[l] = 1;
          queue.push(n);
        }
  }
  const radius = Math.max(1, Math.round(openMm / Math.min(spacing[0], spacing[1])));
  const eroded = erodeSlices(local, box, radius);
  const { labels, sizes } = connectedComponents(eroded, box, 26);
  if (sizes.length === 0) return null;
  // The eroded part at the seed, else the largest one (the seed itself may sit on the rim).
  const seedLabel = labels[toLocal(si, sj, sk)] as number;
  const keep = seedLabel || sizes.indexOf(Math.max(...sizes)) + 1;
  const core = new Uint8Array(local.length);
  for (let l = 0; l < core.length; l++) core[l] = labels[l] === keep ? 1 : 0;
  const body = dilateSlices(core, box, radius);
  const voxels: number[] = [];
  for (let k = lo[2]!; k <= hi[2]!; k++)
    for (let j = lo[1]!; j <= hi[1]!; j++)
      for (let i = lo[0]!; i <= hi[0]!; i++) {
        const l = toLocal(i, j, k);
        if (body[l] && local[l]) voxels.push((k * nj + j) * ni + i);
      }
  return voxels.length ? Int32Array.from(voxels) : null;
}
