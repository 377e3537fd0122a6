// A read segmentation as an AI analysis: one finding per segment (centre, bounds, volume) and label
// maps for the overlay layer, with the algorithm name and version the object names as the "model".
// Label maps cannot hold two segments in one voxel: overlapping segments each get their own map.
import type { Finding } from '../../shared/ai-results';
import type { SegmentationObject } from './seg-reader';

export interface SegmentationLabelmap {
  name: string;
  /** Label value (the segment number) per voxel on the segmentation grid, column fastest. */
  voxels: Uint16Array;
  labels: Record<string, { segment: number; label: string }>;
}

export interface SegmentationAnalysis {
  model: { id: string; version: string };
  findings: Finding[];
  labelmaps: SegmentationLabelmap[];
}

export function segmentationAnalysis(seg: SegmentationObject): SegmentationAnalysis {
  const { dims, spacing, origin, directions } = seg.grid;
  const voxelMl = (spacing[0] * spacing[1] * spacing[2]) / 1000;
  const toLps = (i: number, j: number, k: number): [number, number, number] =>
    [0, 1, 2].map((a) => origin[a]! + i * spacing[0] * directions[0][a]! + j * spacing[1] * directions[1][a]! + k * spacing[2] * directions[2][a]!) as [number, number, number];

  const findings: Finding[] = [];
  for (const segment of seg.segments) {
    const mask = seg.masks.get(segment.number);
    if (!mask || segment.voxelCount === 0) continue;
    let si = 0, sj = 0, sk = 0;
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-Infinity, -Infinity, -Infinity];
    for (let k = 0, at = 0; k < dims[2]; k += 1) {
      for (let j = 0; j < dims[1]; j += 1) {
        for (let i = 0; i < dims[0]; i += 1, at += 1) {
          if (mask[at] === 0) continue;
          si += i; sj += j; sk += k;
          const p = toLps(i, j, k);
          for (let a = 0; a < 3; a += 1) {
            lo[a] = Math.min(lo[a]!, p[a]!);
            hi[a] = Math.max(hi[a]!, p[a]!);
          }
        }
      }
    }
    const n = segment.voxelCount;
    findings.push({
      id: `s${segment.number}`,
      type: 'structure',
      label: segment.label,
      name: { en: segment.label, 'zh-CN': segment.label },
      centerLPS: toLps(si / n, sj / n, sk / n),
      boundsLPS: [lo as [number, number, number], hi as [number, number, number]],
      volumeMl: Math.round(n * voxelMl * 1000) / 1000,
      labelValue: segment.number,
    });
  }

  const total = dims[0] * dims[1] * dims[2];
  const labelmaps: SegmentationLabelmap[] = [];
  const combined = new Uint16Array(total);
  let overlaps = false;
  for (const [number, mask] of seg.masks) {
    for (let v = 0; v < total; v += 1) {
      if (mask[v] === 0) continue;
      if (combined[v] !== 0) overlaps = true;
      combined[v] = number;
    }
  }
  const labelOf = (number: number) => seg.segments.find((s) => s.number === number)?.label ?? `segment ${number}`;
  if (!overlaps) {
    labelmaps.push({ name: 'segments', voxels: combined, labels: Object.fromEntries([...seg.masks.keys()].map((n) => [String(n), { segment: n, label: labelOf(n) }])) });
  } else {
    for (const [number, mask] of seg.masks) {
      labelmaps.push({ name: `segment_${number}`, voxels: Uint16Array.from(mask, (v) => (v ? number : 0)), labels: { [String(number)]: { segment: number, label: labelOf(number) } } });
    }
  }
  // The object's own provenance: the first segment's algorithm, else the equipment that wrote it.
  const named = seg.segments.find((s) => s.algorithmName);
  return {
    model: { id: named?.algorithmName ?? (seg.manufacturer || 'unknown'), version: named?.algorithmVersion ?? (seg.softwareVersions || 'unknown') },
    findings,
    labelmaps,
  };
}
