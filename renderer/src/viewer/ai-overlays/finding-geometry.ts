// Where an AI finding appears in a 2-D view: its LPS bounding box (`boundsLPS`) is shown on the
// slices whose plane passes through the box (within half a slice step, so a finding one slice
// thick is shown on that slice), drawn as the box's outline projected on the screen (a rectangle
// in axial, coronal and sagittal views; a hexagon at most in an oblique one). A finding without a
// box is a marker at `centerLPS` on the slice through it.
import { type ScreenMapping, type VolumeGeometry, sliceRange, sliceStep, worldToScreen } from '../engine/slice-geometry';
import { type Vec3, dot } from '../engine/vec3';

/** Where a finding is, as `Finding` has it; a finding without a place (a whole-image classification) is never drawn. */
export interface FindingPlace {
  centerLPS?: Vec3;
  boundsLPS?: readonly [Vec3, Vec3];
}

export interface ScreenPoint {
  x: number;
  y: number;
}

/** The 8 corners of an LPS box given by its min and max corners. */
export function boxCorners([lo, hi]: readonly [Vec3, Vec3]): Vec3[] {
  const out: Vec3[] = [];
  for (const x of [lo[0], hi[0]]) for (const y of [lo[1], hi[1]]) for (const z of [lo[2], hi[2]]) out.push([x, y, z]);
  return out;
}

/** Range of plane positions (mm along `normal`) at which the view shows the finding. */
export function findingExtent(finding: FindingPlace, normal: Vec3, step: number): { min: number; max: number } | null {
  const along = finding.boundsLPS ? boxCorners(finding.boundsLPS).map((c) => dot(c, normal)) : finding.centerLPS ? [dot(finding.centerLPS, normal)] : null;
  if (!along) return null;
  return { min: Math.min(...along) - step / 2, max: Math.max(...along) + step / 2 };
}

export function isFindingOnPlane(finding: FindingPlace, normal: Vec3, position: number, step: number): boolean {
  const e = findingExtent(finding, normal, step);
  if (!e) return false;
  // A hair of tolerance: positions come from sums of spacings.
  return position >= e.min - 1e-6 && position <= e.max + 1e-6;
}

/**
 * 1-based slice numbers (as the viewer counts them along `normal`) on which the finding shows,
 * or null when it lies outside the volume.
 */
export function findingSlices(finding: FindingPlace, volume: VolumeGeometry, normal: Vec3): { first: number; last: number } | null {
  const step = sliceStep(volume, normal);
  const range = sliceRange(volume, normal);
  const count = Math.round((range.max - range.min) / step) + 1;
  const e = findingExtent(finding, normal, step);
  if (!e) return null;
  const first = Math.max(1, Math.ceil((e.min - range.min) / step - 1e-6) + 1);
  const last = Math.min(count, Math.floor((e.max - range.min) / step + 1e-6) + 1);
  return first <= last ? { first, last } : null;
}

/** Convex hull (Andrew's monotone chain), counter-clockwise on screen; collinear points dropped. */
export function convexHull(points: readonly ScreenPoint[]): ScreenPoint[] {
  const p = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (p.length < 3) return p;
  const cross = (o: ScreenPoint, a: ScreenPoint, b: ScreenPoint) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: ScreenPoint[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 1e-9) lower.pop();
    lower.push(q);
  }
  const upper: ScreenPoint[] = [];
  for (const q of [...p].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 1e-9) upper.pop();
    upper.push(q);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** The finding's outline on screen (box) or its centre (marker). */
export function findingOnScreen(finding: FindingPlace, mapping: ScreenMapping): { outline: ScreenPoint[] | null; center: ScreenPoint } | null {
  const box = finding.boundsLPS;
  const centerLPS = finding.centerLPS ?? (box ? ([0, 1, 2].map((a) => (box[0][a]! + box[1][a]!) / 2) as unknown as Vec3) : null);
  if (!centerLPS) return null;
  const center = worldToScreen(mapping, centerLPS);
  if (!box) return { outline: null, center };
  return { outline: convexHull(boxCorners(box).map((c) => worldToScreen(mapping, c))), center };
}

/** Axis-aligned screen rectangle of an outline. */
export function outlineBounds(outline: readonly ScreenPoint[]): { left: number; top: number; right: number; bottom: number } {
  const xs = outline.map((p) => p.x);
  const ys = outline.map((p) => p.y);
  return { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
}
