// Pure geometry of editing a finding's box in a 2-D view (issue #6): which handle the pointer
// grabs, how a screen drag moves or resizes the LPS box, the long/short axis of the box in the
// plane, and the finding a reader draws (rectangle or ellipse) on a slice. A finding's box is
// axis-aligned in LPS (`boundsLPS`, as the AI writes it); every function keeps it so, on any
// plane, oblique included.
import type { Side } from '../../../../electron/shared/ai-results';
import { type ScreenMapping, type ViewFrame, rightOf, screenToWorld } from '../engine/slice-geometry';
import { type Vec3, add, scale } from '../engine/vec3';
import { type ScreenPoint, outlineBounds } from './finding-geometry';

export type Box = readonly [Vec3, Vec3];
/** A point as the review values store it (a plain, mutable tuple). */
type Point = [number, number, number];

/** Which part of the selected box the pointer holds: the inside (move) or a corner/edge handle. */
export type BoxHandle = { kind: 'move' } | { kind: 'resize'; x: -1 | 0 | 1; y: -1 | 0 | 1 };

/** Handle squares are drawn this size (px) and grabbed within this distance. */
export const HANDLE_PX = 6;

/** Min and max corner per LPS axis, whatever order the corners came in. */
export function normalizeBox([a, b]: Box): [Vec3, Vec3] {
  return [
    [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.min(a[2], b[2])],
    [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.max(a[2], b[2])],
  ];
}

export function boxCenter([lo, hi]: Box): Vec3 {
  return [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2];
}

export function translateBox([lo, hi]: Box, delta: Vec3): [Vec3, Vec3] {
  return [add(lo, delta), add(hi, delta)];
}

/** The patient-space vector of a screen drag of (dx, dy) CSS pixels: in the view's plane, along screen right and up. */
export function screenDeltaToWorld(mapping: Pick<ScreenMapping, 'frame' | 'mmPerPixel'>, dx: number, dy: number): Vec3 {
  return add(scale(rightOf(mapping.frame), dx * mapping.mmPerPixel), scale(mapping.frame.up, -dy * mapping.mmPerPixel));
}

/** Extent (mm) of the box's projection on a unit direction: Σ |dirₐ|·sizeₐ over the LPS axes. */
export function extentAlong([lo, hi]: Box, dir: Vec3): number {
  return Math.abs(dir[0]) * (hi[0] - lo[0]) + Math.abs(dir[1]) * (hi[1] - lo[1]) + Math.abs(dir[2]) * (hi[2] - lo[2]);
}

/** How far each screen edge of a box's outline moves (mm): left/right along screen right, top/bottom along up. */
export interface EdgeMoves {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * Resizes an LPS-aligned box so that its outline's edges on a view move by `moves` (the edges not
 * named stay put: the opposite corner is fixed). Each edge's position is linear in the six face
 * coordinates (e.g. right = Σ rₐ·(rₐ > 0 ? hiₐ : loₐ)), so the four edge moves are four linear
 * equations in six unknowns; the smallest change of the faces that satisfies them is
 * δ = Aᵀ(AAᵀ)⁻¹b. In axial, coronal and sagittal views that is just the one face under each
 * edge; on an oblique plane several faces share the move. Dragging an edge past the opposite one
 * turns the box over instead of giving it a negative size.
 */
export function resizeBoxOnScreen(box: Box, frame: ViewFrame, moves: EdgeMoves): [Vec3, Vec3] {
  const [lo, hi] = normalizeBox(box);
  const right = rightOf(frame);
  const up = frame.up;
  // Row of one edge over the unknowns [lo0, lo1, lo2, hi0, hi1, hi2]: the maximum along `dir` uses hi where dirₐ > 0.
  const row = (dir: Vec3, max: boolean): number[] => {
    const r = [0, 0, 0, 0, 0, 0];
    for (const a of [0, 1, 2] as const) r[dir[a] > 0 === max ? a + 3 : a] = dir[a];
    return r;
  };
  const rows = [row(right, false), row(right, true), row(up, true), row(up, false)];
  const b = [moves.left, moves.right, moves.top, moves.bottom];
  const gram = rows.map((p) => rows.map((q) => p.reduce((s, v, i) => s + v * q[i]!, 0)));
  const y = solve(gram, b);
  const delta = [0, 0, 0, 0, 0, 0].map((_, i) => rows.reduce((s, r, k) => s + r[i]! * y[k]!, 0));
  return normalizeBox([
    [lo[0] + delta[0]!, lo[1] + delta[1]!, lo[2] + delta[2]!],
    [hi[0] + delta[3]!, hi[1] + delta[4]!, hi[2] + delta[5]!],
  ]);
}

/** Gaussian elimination with partial pivoting; a direction with no effect (zero pivot) gets no move. */
function solve(m: number[][], b: number[]): number[] {
  const n = b.length;
  const a = m.map((r, i) => [...r, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    const pivot = a[c]![c]!;
    if (Math.abs(pivot) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / pivot;
      for (let k = c; k <= n; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return a.map((r, i) => (Math.abs(r[i]!) < 1e-12 ? 0 : r[n]! / r[i]!));
}

/** The box after a drag of (dx, dy) px on a view with `mapping`, holding `handle`. */
export function dragBox(box: Box, handle: BoxHandle, mapping: Pick<ScreenMapping, 'frame' | 'mmPerPixel'>, dx: number, dy: number): [Vec3, Vec3] {
  if (handle.kind === 'move') return translateBox(normalizeBox(box), screenDeltaToWorld(mapping, dx, dy));
  // Screen x grows along `right`; screen y grows downwards, against `up`.
  const x = dx * mapping.mmPerPixel;
  const y = -dy * mapping.mmPerPixel;
  return resizeBoxOnScreen(box, mapping.frame, {
    left: handle.x < 0 ? x : 0,
    right: handle.x > 0 ? x : 0,
    top: handle.y < 0 ? y : 0,
    bottom: handle.y > 0 ? y : 0,
  });
}

/**
 * Long and short axis (mm) of a box as read on a view: the extents of its projection along the
 * screen's right and up directions. In axial, coronal and sagittal views these are the two box
 * sides lying in the plane (e.g. L–R and A–P on an axial slice), as a reader measures a nodule on
 * the slice; on an oblique plane they are the extents of the box's outline.
 */
export function axesInPlane(box: Box, frame: ViewFrame): { longAxisMm: number; shortAxisMm: number } {
  const w = extentAlong(box, rightOf(frame));
  const h = extentAlong(box, frame.up);
  return { longAxisMm: round(Math.max(w, h), 10), shortAxisMm: round(Math.min(w, h), 10) };
}

/** Patient side from the LPS x coordinate: +x points to the patient's left (PS3.3 C.7.6.2.1.1); within 5 mm of x = 0 is midline. */
export function sideOf(x: number): Side {
  return Math.abs(x) <= 5 ? 'midline' : x > 0 ? 'left' : 'right';
}

const round = (v: number, per: number) => Math.round(v * per) / per;
const roundPoint = (p: Vec3): Point => [round(p[0], 100), round(p[1], 100), round(p[2], 100)];

/**
 * Values an edit event stores after a move or resize on a view: the new box and centre, and after
 * a resize the axes read from the box in that plane. A move changes no size, so it leaves the
 * axes as they were (an AI's measured diameters are finer than its box's sides, and Lung-RADS
 * reads them).
 */
export function editedGeometry(
  before: { centerLPS?: Vec3; boundsLPS: Box },
  after: Box,
  handle: BoxHandle,
  frame: ViewFrame,
): { centerLPS: Point; boundsLPS: [Point, Point]; longAxisMm?: number; shortAxisMm?: number } {
  const box = normalizeBox(after);
  // A move carries the finding's own centre (an AI centroid need not be the box centre) along;
  // a resize makes the reader's box the finding, so its centre is the box centre.
  const oldCenter = boxCenter(normalizeBox(before.boundsLPS));
  const newCenter = boxCenter(box);
  const centerLPS =
    handle.kind === 'move' && before.centerLPS
      ? add(before.centerLPS, [newCenter[0] - oldCenter[0], newCenter[1] - oldCenter[1], newCenter[2] - oldCenter[2]])
      : newCenter;
  const place = { centerLPS: roundPoint(centerLPS), boundsLPS: [roundPoint(box[0]), roundPoint(box[1])] as [Point, Point] };
  return handle.kind === 'move' ? place : { ...place, ...axesInPlane(box, frame) };
}

/** Handle positions on the screen rectangle around a box's outline: corners and edge midpoints. */
export function handlePoints(outline: readonly ScreenPoint[]): { x: -1 | 0 | 1; y: -1 | 0 | 1; at: ScreenPoint }[] {
  const r = outlineBounds(outline);
  const xs = { [-1]: r.left, 0: (r.left + r.right) / 2, 1: r.right } as const;
  const ys = { [-1]: r.top, 0: (r.top + r.bottom) / 2, 1: r.bottom } as const;
  const out: { x: -1 | 0 | 1; y: -1 | 0 | 1; at: ScreenPoint }[] = [];
  for (const y of [-1, 0, 1] as const) for (const x of [-1, 0, 1] as const) if (x !== 0 || y !== 0) out.push({ x, y, at: { x: xs[x], y: ys[y] } });
  return out;
}

/**
 * What a press at `p` grabs on the selected box's outline: a handle (within HANDLE_PX), else the
 * inside of its screen rectangle (move), else nothing, so the press goes to the current tool.
 * On a box only a few handle sizes across (a small nodule at fit zoom) the handles shrink to a
 * quarter of its shorter side, so its middle still moves it.
 */
export function hitBox(p: ScreenPoint, outline: readonly ScreenPoint[]): BoxHandle | null {
  const r = outlineBounds(outline);
  const reach = Math.min(HANDLE_PX, Math.min(r.right - r.left, r.bottom - r.top) / 4);
  let best: { d: number; x: -1 | 0 | 1; y: -1 | 0 | 1 } | null = null;
  for (const h of handlePoints(outline)) {
    const d = Math.max(Math.abs(p.x - h.at.x), Math.abs(p.y - h.at.y));
    if (d <= reach && (!best || d < best.d)) best = { d, x: h.x, y: h.y };
  }
  if (best) return { kind: 'resize', x: best.x, y: best.y };
  return p.x >= r.left && p.x <= r.right && p.y >= r.top && p.y <= r.bottom ? { kind: 'move' } : null;
}

export type DrawnShape = 'box' | 'ellipse';

/**
 * The finding a reader draws by dragging from `a` to `b` on a view: the rectangle (or the ellipse
 * inscribed in it) lies in the slice plane; its axes are the rectangle's sides in mm, its box the
 * LPS bounds of the rectangle's four corners (flat along the normal of an axial, coronal or
 * sagittal slice), its side from the centre's x.
 */
export function drawnFinding(
  mapping: ScreenMapping,
  a: ScreenPoint,
  b: ScreenPoint,
  shape: DrawnShape,
): { centerLPS: Point; boundsLPS: [Point, Point]; longAxisMm: number; shortAxisMm: number; side: Side; shape: DrawnShape } {
  const corners = [screenToWorld(mapping, a.x, a.y), screenToWorld(mapping, b.x, a.y), screenToWorld(mapping, a.x, b.y), screenToWorld(mapping, b.x, b.y)];
  const lo: Vec3 = [0, 1, 2].map((k) => Math.min(...corners.map((c) => c[k]!))) as unknown as Vec3;
  const hi: Vec3 = [0, 1, 2].map((k) => Math.max(...corners.map((c) => c[k]!))) as unknown as Vec3;
  const centerLPS = screenToWorld(mapping, (a.x + b.x) / 2, (a.y + b.y) / 2);
  const w = Math.abs(b.x - a.x) * mapping.mmPerPixel;
  const h = Math.abs(b.y - a.y) * mapping.mmPerPixel;
  return {
    centerLPS: roundPoint(centerLPS),
    boundsLPS: [roundPoint(lo), roundPoint(hi)],
    longAxisMm: round(Math.max(w, h), 10),
    shortAxisMm: round(Math.min(w, h), 10),
    side: sideOf(centerLPS[0]),
    shape,
  };
}
