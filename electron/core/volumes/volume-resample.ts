// Puts a tilted or irregularly spaced stack onto a regular orthogonal grid, in the two steps
// dcm2niix takes (nii_saveNII3Dtilt, then nii_saveNII3Deq), so the result can be checked
// against it voxel by voxel: (1) shift every slice in-plane by its drift so the slices stack
// along the normal (linear interpolation, grid widened to keep every pixel); (2) interpolate
// between neighbouring slices to equal spacing along the normal. Integer voxels are rounded.
import type { SliceStack } from './slice-stack';
import { type VoxelArray, type VoxelType, allocateVoxels, isIntegerType } from './voxel-types';

export interface DeshearedStack {
  voxels: VoxelArray;
  columns: number;
  rows: number;
  /** Where output pixel (0, 0) lies on the first slice's grid, in [columns, rows] of input pixels. */
  originOffset: readonly [number, number];
}

/** Shifts each slice so its origin lies on the normal through the first slice's grid. */
export function deshear(stack: SliceStack, input: VoxelArray, type: VoxelType, columns: number, rows: number): DeshearedStack {
  const colShifts = stack.shifts.map(([c]) => c);
  const rowShifts = stack.shifts.map(([, r]) => r);
  const c = { min: Math.min(...colShifts), max: Math.max(...colShifts) };
  const r = { min: Math.min(...rowShifts), max: Math.max(...rowShifts) };
  const extraColumns = Math.ceil(c.max - c.min - 1e-6);
  const extraRows = Math.ceil(r.max - r.min - 1e-6);
  const outColumns = columns + extraColumns;
  const outRows = rows + extraRows;
  const slices = stack.frames.length;
  // Padding is the darkest stored value (air / outside the field of view), as dcm2niix pads.
  let fill = Infinity;
  for (let v = 0; v < input.length; v++) if ((input[v] as number) < fill) fill = input[v] as number;
  const integer = isIntegerType(type);
  // Pass 1: rows. Output row y holds input row y - offset of the same slice.
  const byRows = allocateVoxels(type, columns * outRows * slices).fill(fill);
  for (let s = 0; s < slices; s++) {
    const offset = (rowShifts[s] as number) - r.max + extraRows;
    shiftAxis(input, byRows, { count: rows, outCount: outRows, stride: columns, lines: columns, offset, fill, integer, inBase: s * rows * columns, outBase: s * outRows * columns, lineStride: 1 });
  }
  if (extraColumns === 0 && colShifts.every((x) => Math.abs(x - c.max) < 1e-6)) {
    return { voxels: byRows, columns, rows: outRows, originOffset: [c.max, r.max - extraRows] };
  }
  // Pass 2: columns, only when slice origins also drift along the rows.
  const out = allocateVoxels(type, outColumns * outRows * slices).fill(fill);
  for (let s = 0; s < slices; s++) {
    const offset = (colShifts[s] as number) - c.max + extraColumns;
    for (let y = 0; y < outRows; y++) {
      shiftAxis(byRows, out, { count: columns, outCount: outColumns, stride: 1, lines: 1, offset, fill, integer, inBase: (s * outRows + y) * columns, outBase: (s * outRows + y) * outColumns, lineStride: 0 });
    }
  }
  return { voxels: out, columns: outColumns, rows: outRows, originOffset: [c.max - extraColumns, r.max - extraRows] };
}

interface AxisShift {
  count: number;
  outCount: number;
  /** Step between neighbours along the axis, in voxels (same in input and output lines). */
  stride: number;
  /** Parallel lines to shift (columns when shifting rows), `lineStride` apart. */
  lines: number;
  lineStride: number;
  offset: number;
  fill: number;
  integer: boolean;
  inBase: number;
  outBase: number;
}

/**
 * Linear interpolation along one axis, indexed from the far end as dcm2niix indexes rows (its
 * array is flipped): sample t = count-1 - (x - offset) must lie in [0, count). Next to padding
 * (the fill value) the nearer neighbour is taken instead, so the edge of the field of view is
 * not smeared into tissue values; dcm2niix 1.0.20220720 does the same.
 */
function shiftAxis(input: VoxelArray, out: VoxelArray, a: AxisShift): void {
  for (let x = 0; x < a.outCount; x++) {
    const t = a.count - 1 - (x - a.offset);
    if (t < 0 || t >= a.count) continue;
    const lo = Math.floor(t);
    const hi = Math.min(lo + 1, a.count - 1);
    const w = t - lo;
    const near = a.count - 1 - (w <= 0.5 ? lo : hi);
    const iLo = a.inBase + (a.count - 1 - lo) * a.stride;
    const iHi = a.inBase + (a.count - 1 - hi) * a.stride;
    const iNear = a.inBase + near * a.stride;
    const o = a.outBase + x * a.stride;
    for (let line = 0; line < a.lines; line++) {
      const vLo = input[iLo + line * a.lineStride] as number;
      const vHi = input[iHi + line * a.lineStride] as number;
      let value: number;
      if (vLo === a.fill || vHi === a.fill) value = input[iNear + line * a.lineStride] as number;
      else {
        value = vLo * (1 - w) + vHi * w;
        if (a.integer) value = roundHalfAway(value);
      }
      out[o + line * a.lineStride] = value;
    }
  }
}

/** C's round(), which dcm2niix uses: halves go away from zero (Math.round sends -2.5 to -2). */
const roundHalfAway = (value: number) => Math.sign(value) * Math.round(Math.abs(value));

/**
 * Target spacing: the smallest gap, but never more than twice the acquired number of slices
 * (one overlapping slice must not multiply the volume), as dcm2niix chooses. The count covers
 * first to last slice; dcm2niix's "-0.5 gap" fence post would drop the last slice when uncapped.
 */
export function equalSpacing(distances: number[]): { slices: number; spacing: number } {
  const n = distances.length;
  const gaps = distances.slice(1).map((d, i) => d - (distances[i] as number)).filter((g) => g > 0);
  let spacing = Math.min(...gaps);
  const last = distances[n - 1] as number;
  let slices = Math.round(last / spacing) + 1;
  if (slices > 2 * n) {
    slices = 2 * n;
    spacing = last / (slices - 1);
  }
  return { slices, spacing };
}

/** Linear interpolation along the normal onto `slices` planes `spacing` mm apart. */
export function equalize(input: VoxelArray, type: VoxelType, plane: number, distances: number[], slices: number, spacing: number): VoxelArray {
  const out = allocateVoxels(type, plane * slices);
  const integer = isIntegerType(type);
  const n = distances.length;
  for (let s = 0; s < slices; s++) {
    const x = s * spacing;
    let hi = 0;
    while (hi < n - 1 && (distances[hi] as number) < x) hi++;
    const lo = Math.max(0, hi - 1);
    const dHi = distances[hi] as number;
    const dLo = distances[lo] as number;
    if (dHi === dLo || x > dHi) {
      out.set(input.subarray(hi * plane, (hi + 1) * plane), s * plane);
      continue;
    }
    const wHi = (x - dLo) / (dHi - dLo);
    for (let v = 0; v < plane; v++) {
      const value = (input[lo * plane + v] as number) * (1 - wHi) + (input[hi * plane + v] as number) * wHi;
      out[s * plane + v] = integer ? roundHalfAway(value) : value;
    }
  }
  return out;
}
