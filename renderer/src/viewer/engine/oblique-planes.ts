// Oblique MPR: the three MPR planes (axial, coronal, sagittal) turned together by one rotation
// of patient space, about the crosshair point. Because the same rigid rotation is applied to
// three mutually orthogonal normals, the views stay orthogonal to each other whatever the
// reader does. Each view keeps its screen "up" as close as possible to its radiological up
// (axial: anterior, coronal and sagittal: superior), so turning the planes in one view turns
// the lines in that view without turning its image. Plain maths, unit-tested in Node.
import type { ViewFrame } from './slice-geometry';
import { type Vec3, cross, dot, length, normalize, scale, sub } from './vec3';

/** A 3×3 rotation, row-major. */
export type Mat3 = readonly [number, number, number, number, number, number, number, number, number];

export const IDENTITY_ROTATION: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export function applyRotation(m: Mat3, v: Vec3): Vec3 {
  return [m[0] * v[0] + m[1] * v[1] + m[2] * v[2], m[3] * v[0] + m[4] * v[1] + m[5] * v[2], m[6] * v[0] + m[7] * v[1] + m[8] * v[2]];
}

export function multiply(a: Mat3, b: Mat3): Mat3 {
  const out: number[] = [];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out.push(a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!);
  return out as unknown as Mat3;
}

/** Rotation by `angle` radians about the unit `axis`, right-handed (Rodrigues' formula). */
export function rotationAbout(axis: Vec3, angle: number): Mat3 {
  const [x, y, z] = normalize(axis);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const t = 1 - c;
  return [t * x * x + c, t * x * y - s * z, t * x * z + s * y, t * x * y + s * z, t * y * y + c, t * y * z - s * x, t * x * z - s * y, t * y * z + s * x, t * z * z + c];
}

/**
 * Re-orthonormalises a rotation built by many small mouse steps, so rounding never lets the
 * planes drift away from orthogonal (Gram–Schmidt on the rows).
 */
export function orthonormalize(m: Mat3): Mat3 {
  const r0 = normalize([m[0], m[1], m[2]]);
  const r1raw: Vec3 = [m[3], m[4], m[5]];
  const r1 = normalize(sub(r1raw, scale(r0, dot(r1raw, r0))));
  const r2 = cross(r0, r1);
  return [...r0, ...r1, ...r2] as unknown as Mat3;
}

export function isIdentity(m: Mat3, tolerance = 1e-9): boolean {
  return m.every((v, i) => Math.abs(v - IDENTITY_ROTATION[i]!) <= tolerance);
}

/**
 * The frame of an MPR view after the planes are turned by `rotation`: the normal turns with
 * the planes; up is the view's radiological up made perpendicular to the new normal (so the
 * image does not spin when the reader turns the planes in this very view), or the turned up
 * when the normal has come within ~6° of it.
 */
export function obliqueFrame(base: ViewFrame, rotation: Mat3): ViewFrame {
  const normal = normalize(applyRotation(rotation, base.normal));
  const projected = sub(base.up, scale(normal, dot(base.up, normal)));
  if (length(projected) > 0.1) return { normal, up: normalize(projected) };
  const turned = applyRotation(rotation, base.up);
  return { normal, up: normalize(sub(turned, scale(normal, dot(turned, normal)))) };
}

/**
 * The rotation that turns the planes by `screenAngle` radians counter-clockwise as seen in a
 * view whose direction of projection is `viewNormal`. Screen right × screen up points out of
 * the screen (−normal), so counter-clockwise on screen is a right-handed turn about −normal.
 * The result is applied after the current rotation: R' = turn · R.
 */
export function turnPlanes(rotation: Mat3, viewNormal: Vec3, screenAngle: number): Mat3 {
  return orthonormalize(multiply(rotationAbout(scale(viewNormal, -1), screenAngle), rotation));
}

/** Where another MPR plane cuts this view: a line through the crosshair, as a screen direction. */
export interface PlaneLine {
  /** The other view's orientation (gives the line its colour). */
  orientation: string;
  /** Unit screen direction (x right, y down). */
  dx: number;
  dy: number;
}

/**
 * The intersection of the plane with normal `other` with the view (frame `frame`, screen-right
 * `right`), as a screen direction; null when the planes are parallel.
 */
export function planeLineOnScreen(frame: ViewFrame, right: Vec3, other: Vec3): { dx: number; dy: number } | null {
  const d = cross(frame.normal, other);
  if (length(d) < 1e-6) return null;
  const x = dot(d, right);
  const y = -dot(d, frame.up);
  const n = Math.hypot(x, y);
  return n > 0 ? { dx: x / n, dy: y / n } : null;
}

/** Distance (px) from screen point `p` to the line through `c` with unit direction (dx, dy). */
export function distanceToLine(p: { x: number; y: number }, c: { x: number; y: number }, line: { dx: number; dy: number }): number {
  return Math.abs((p.x - c.x) * line.dy - (p.y - c.y) * line.dx);
}

/** The change from angle `from` to `to`, in (−π, π]: a drag across the ±π line is a small step, not a full turn. */
export function angleChange(from: number, to: number): number {
  const d = (to - from) % (2 * Math.PI);
  if (d > Math.PI) return d - 2 * Math.PI;
  if (d <= -Math.PI) return d + 2 * Math.PI;
  return d;
}

/** Counter-clockwise screen angle (radians) of `p` around `c` (screen y points down). */
export function screenAngle(p: { x: number; y: number }, c: { x: number; y: number }): number {
  return Math.atan2(-(p.y - c.y), p.x - c.x);
}
