// Geometry of a 2-D view through a volume, in patient space (LPS, mm), independent of vtk.js:
// which way the camera looks, which patient direction is screen-right and screen-up (after
// rotation and flips), how screen pixels map to millimetres, how far one slice step moves.
// The engine copies this state into the vtk.js camera; tests check it directly.
import type { VolumeDescription } from '../../../../electron/shared/volumes';
import { type Vec3, add, cross, dot, negate, normalize, scale, sub } from './vec3';

export type SliceOrientation = 'stack' | 'axial' | 'coronal' | 'sagittal';

export interface ViewFrame {
  /** Direction of projection: from the eye into the screen. */
  normal: Vec3;
  /** Patient direction shown at the top of the screen. */
  up: Vec3;
}

export interface VolumeGeometry {
  dimensions: readonly [number, number, number];
  spacing: readonly [number, number, number];
  origin: Vec3;
  /** Unit vectors of i, j, k. */
  axes: readonly [Vec3, Vec3, Vec3];
}

export function volumeGeometry(d: Pick<VolumeDescription, 'dimensions' | 'spacing' | 'origin' | 'direction'>): VolumeGeometry {
  const m = d.direction;
  return {
    dimensions: d.dimensions,
    spacing: d.spacing,
    origin: d.origin,
    axes: [
      [m[0], m[1], m[2]],
      [m[3], m[4], m[5]],
      [m[6], m[7], m[8]],
    ],
  };
}

/**
 * The radiological conventions: axial seen from the feet (patient left on screen right, anterior
 * up), coronal seen from the front (left on the right, superior up), sagittal seen from the
 * patient's left (anterior on the left, superior up). A stack is shown as acquired: i to the
 * right, j downwards, as the modality displayed it (PS3.3 C.7.6.2.1.1).
 */
export function baseFrame(orientation: SliceOrientation, volume: VolumeGeometry): ViewFrame {
  switch (orientation) {
    case 'axial':
      return { normal: [0, 0, 1], up: [0, -1, 0] };
    case 'coronal':
      return { normal: [0, 1, 0], up: [0, 0, 1] };
    case 'sagittal':
      return { normal: [-1, 0, 0], up: [0, 0, 1] };
    case 'stack': {
      const [i, j] = volume.axes;
      return { normal: normalize(cross(i, j)), up: negate(j) };
    }
  }
}

/** Screen-right in patient space: vtk's camera right = direction of projection × view up. */
export function rightOf(frame: ViewFrame): Vec3 {
  return normalize(cross(frame.normal, frame.up));
}

export interface Transform2D {
  /** Quarter turns clockwise. */
  rotation: number;
  flipHorizontal: boolean;
  flipVertical: boolean;
}

export const IDENTITY_2D: Transform2D = { rotation: 0, flipHorizontal: false, flipVertical: false };

/** Applies rotation then flips. A flip looks at the slice from the other side, which mirrors it. */
export function transformFrame(base: ViewFrame, t: Transform2D): ViewFrame {
  let up = base.up;
  let normal = base.normal;
  const turns = ((t.rotation % 4) + 4) % 4;
  for (let q = 0; q < turns; q++) up = negate(rightOf({ normal, up })); // clockwise: the old left edge comes to the top
  if (t.flipHorizontal) normal = negate(normal);
  if (t.flipVertical) {
    normal = negate(normal);
    up = negate(up);
  }
  return { normal, up };
}

/** Patient coordinates of the 8 corners of the volume's voxel-centre box. */
export function volumeCorners(v: VolumeGeometry): Vec3[] {
  const out: Vec3[] = [];
  for (const a of [0, 1]) for (const b of [0, 1]) for (const c of [0, 1]) {
    const idx = [a * (v.dimensions[0] - 1), b * (v.dimensions[1] - 1), c * (v.dimensions[2] - 1)] as const;
    out.push(indexToWorld(v, idx));
  }
  return out;
}

export function indexToWorld(v: VolumeGeometry, ijk: readonly [number, number, number]): Vec3 {
  let p = v.origin;
  for (const a of [0, 1, 2] as const) p = add(p, scale(v.axes[a], ijk[a] * v.spacing[a]));
  return p;
}

/** Continuous voxel index of a patient point (axes are orthonormal, so the inverse is a transpose). */
export function worldToIndex(v: VolumeGeometry, p: Vec3): Vec3 {
  const rel = sub(p, v.origin);
  return [dot(rel, v.axes[0]) / v.spacing[0], dot(rel, v.axes[1]) / v.spacing[1], dot(rel, v.axes[2]) / v.spacing[2]];
}

export function volumeCenter(v: VolumeGeometry): Vec3 {
  return indexToWorld(v, [(v.dimensions[0] - 1) / 2, (v.dimensions[1] - 1) / 2, (v.dimensions[2] - 1) / 2]);
}

/** Distance one slice step moves along `normal`: the voxel's extent along that direction. */
export function sliceStep(v: VolumeGeometry, normal: Vec3): number {
  let inverse = 0;
  for (const a of [0, 1, 2] as const) inverse += (dot(v.axes[a], normal) / v.spacing[a]) ** 2;
  return inverse > 0 ? 1 / Math.sqrt(inverse) : 1;
}

/** Range of positions (mm along `normal`) the volume's voxel centres cover. */
export function sliceRange(v: VolumeGeometry, normal: Vec3): { min: number; max: number } {
  const d = volumeCorners(v).map((c) => dot(c, normal));
  return { min: Math.min(...d), max: Math.max(...d) };
}

/** Half-extent of the volume box as seen on screen (mm), including half a voxel at each edge. */
export function projectedExtent(v: VolumeGeometry, frame: ViewFrame): { width: number; height: number } {
  const right = rightOf(frame);
  const half = v.axes.map((axis, a) => scale(axis, v.spacing[a as 0 | 1 | 2] / 2));
  const corners = volumeCorners(v);
  const padX = half.reduce((s, h) => s + Math.abs(dot(h, right)), 0);
  const padY = half.reduce((s, h) => s + Math.abs(dot(h, frame.up)), 0);
  const xs = corners.map((c) => dot(c, right));
  const ys = corners.map((c) => dot(c, frame.up));
  return { width: Math.max(...xs) - Math.min(...xs) + 2 * padX, height: Math.max(...ys) - Math.min(...ys) + 2 * padY };
}

/** Millimetres per screen pixel that fit the whole volume in a `width`×`height` viewport. */
export function fitScale(v: VolumeGeometry, frame: ViewFrame, width: number, height: number): number {
  const e = projectedExtent(v, frame);
  return Math.max(e.width / Math.max(1, width), e.height / Math.max(1, height)) * 1.02;
}

export interface ScreenMapping {
  frame: ViewFrame;
  /** Patient point at the centre of the viewport (on the slice plane). */
  center: Vec3;
  mmPerPixel: number;
  width: number;
  height: number;
}

/** CSS pixel (x right, y down, from the viewport's top-left) to patient point on the slice plane. */
export function screenToWorld(m: ScreenMapping, x: number, y: number): Vec3 {
  const right = rightOf(m.frame);
  return add(m.center, add(scale(right, (x - m.width / 2) * m.mmPerPixel), scale(m.frame.up, (m.height / 2 - y) * m.mmPerPixel)));
}

export function worldToScreen(m: ScreenMapping, p: Vec3): { x: number; y: number } {
  const rel = sub(p, m.center);
  return { x: m.width / 2 + dot(rel, rightOf(m.frame)) / m.mmPerPixel, y: m.height / 2 - dot(rel, m.frame.up) / m.mmPerPixel };
}

/** Moves `p` along `normal` to the plane at position `position` (mm along `normal`). */
export function projectToPlane(p: Vec3, normal: Vec3, position: number): Vec3 {
  return add(p, scale(normal, position - dot(p, normal)));
}
