// Orders the frames of one volume along the slice normal and measures the stack: spacing from
// positions (never from Slice Thickness, PS3.3 C.7.6.2.1.1 note), irregular gaps, and gantry
// tilt (slice origins that drift in-plane as the stack advances, so the stacking direction is
// not the normal).
import { AppError } from '../../shared/result';
import type { FrameHeader } from './frame-header';
import { gapsAgreeWithinRounding } from './regular-within-rounding';
import { type Vec3, cross, dot, normalize, sub } from './vector-math';

export interface SliceStack {
  /** The frames, sorted by distance along the normal. */
  frames: FrameHeader[];
  row: Vec3;
  column: Vec3;
  normal: Vec3;
  /** Distance of each sorted slice from the first one along the normal, mm. */
  distances: number[];
  /** In-plane drift of each slice origin from the first one: [along rows (columns index), along columns (rows index)] in pixels. */
  shifts: Array<readonly [number, number]>;
  /** The expected (median) gap between neighbouring slices, mm. */
  spacing: number;
  uniform: boolean;
  /**
   * True when every gap equals the first one within the decimal rounding of the Image Position
   * values that define them (regular-within-rounding.ts): the header cannot tell the stack from
   * an exactly regular one, and the grid follows dcm2niix (normal × first gap).
   */
  regularWithinRounding: boolean;
  tilted: boolean;
  /** Angle between the stacking direction and the normal, degrees (0 when not tilted). */
  tiltDegrees: number;
  /** Irregular gaps, as sentences a radiologist can act on. */
  warnings: string[];
}

/** Two gaps are "the same" within this: DS values carry ~6 significant digits. */
const gapTolerance = (expected: number) => Math.max(0.02, expected * 0.005);
/** In-plane drift below this fraction of a pixel is rounding, not tilt. */
const TILT_PIXEL_TOLERANCE = 0.05;

export function buildSliceStack(frames: FrameHeader[]): SliceStack {
  const first = frames[0];
  if (!first?.orientation || !first.pixelSpacing) {
    throw new AppError('NOT_A_VOLUME', 'The images have no Image Orientation (Patient) or Pixel Spacing, so they cannot be placed in patient space.');
  }
  const [row, column] = first.orientation.map((v) => normalize(v)) as [Vec3, Vec3];
  const normal = normalize(cross(row, column));
  const missing = frames.filter((f) => !f.position).length;
  if (missing > 0) {
    throw new AppError('NOT_A_VOLUME', `${missing} of ${frames.length} images have no Image Position (Patient), so the slices cannot be ordered.`);
  }
  const withDistance = frames.map((f) => ({ f, d: dot(normal, f.position as Vec3) }));
  // Ties (same plane) keep instance order, so duplicates are reported in a stable way.
  withDistance.sort((a, b) => a.d - b.d || (a.f.instanceNumber ?? 0) - (b.f.instanceNumber ?? 0) || a.f.source - b.f.source || a.f.frame - b.f.frame);
  const sorted = withDistance.map((x) => x.f);
  const origin = sorted[0]?.position as Vec3;
  const distances = withDistance.map((x) => x.d - (withDistance[0]?.d ?? 0));
  const [rowSpacing, columnSpacing] = first.pixelSpacing;
  const shifts = sorted.map((f) => {
    const delta = sub(f.position as Vec3, origin);
    return [dot(delta, row) / columnSpacing, dot(delta, column) / rowSpacing] as const;
  });

  const gaps = distances.slice(1).map((d, i) => d - (distances[i] as number));
  const warnings: string[] = [];
  const duplicates = gaps.filter((g) => g < 1e-3).length;
  if (duplicates > 0) {
    throw new AppError(
      'NOT_A_VOLUME',
      `${duplicates} slice position(s) occur twice in one volume and nothing (b-value, echo, time) tells the copies apart.`,
    );
  }
  const spacing = gaps.length > 0 ? median(gaps) : (first.spacingBetweenSlices ?? first.sliceThickness ?? 1);
  const uniform = gaps.every((g) => Math.abs(g - spacing) <= gapTolerance(spacing));
  if (!uniform) warnings.push(...describeIrregularGaps(gaps, spacing));

  const drift = Math.max(0, ...shifts.map(([c, r]) => Math.max(Math.abs(c), Math.abs(r))));
  const tilted = sorted.length > 1 && drift > TILT_PIXEL_TOLERANCE;
  let tiltDegrees = 0;
  if (tilted) {
    const last = sorted[sorted.length - 1]?.position as Vec3;
    const stackDirection = normalize(sub(last, origin));
    tiltDegrees = (Math.acos(Math.min(1, Math.abs(dot(stackDirection, normal)))) * 180) / Math.PI;
  }
  const regularWithinRounding = !tilted && gapsAgreeWithinRounding(sorted.map((f) => f.position as Vec3), normal);
  return { frames: sorted, row, column, normal, distances, shifts, spacing, uniform, regularWithinRounding, tilted, tiltDegrees, warnings };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
}

/** Runs of equal irregular gaps become one message; slice numbers are 1-based in sorted order. */
function describeIrregularGaps(gaps: number[], expected: number): string[] {
  const tolerance = gapTolerance(expected);
  const messages: string[] = [];
  let i = 0;
  while (i < gaps.length) {
    const gap = gaps[i] as number;
    if (Math.abs(gap - expected) <= tolerance) {
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < gaps.length && Math.abs((gaps[end + 1] as number) - gap) <= tolerance) end++;
    const kind = gap > expected ? 'slice gap' : 'slice spacing';
    const where = end === i ? `between slices ${i + 1} and ${i + 2}` : `between slices ${i + 1} and ${end + 2} (${end - i + 1} gaps)`;
    const missing = gap > expected * 1.5 ? Math.round(gap / expected) - 1 : 0;
    const suffix = missing > 0 && Math.abs(gap - (missing + 1) * expected) <= tolerance * (missing + 1) ? `; about ${missing} slice(s) missing` : '';
    messages.push(`${kind} ${gap.toFixed(1)} mm where ${expected.toFixed(1)} mm is expected ${where}${suffix}`);
    i = end + 1;
  }
  return messages;
}

