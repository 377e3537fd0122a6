// Measurements in patient space: a length is the distance between two points on the slice
// plane, in millimetres of LPS space, so it is right whatever the zoom, rotation or flip.
import type { PlanarRoi, RoiStatistics } from './roi-statistics';
import { type Vec3, distance, dot } from './vec3';

export interface LengthMeasurement {
  id: number;
  kind: 'length';
  start: Vec3;
  end: Vec3;
  /** The plane it was drawn on (normal and position along it), to show it only there. */
  normal: Vec3;
  position: number;
}

/** A rectangle or ellipse ROI; `storedId` is its row in the measurements store once saved. */
export interface RoiMeasurement {
  id: number;
  kind: 'rectangle' | 'ellipse';
  roi: PlanarRoi;
  stats: RoiStatistics | null;
  normal: Vec3;
  position: number;
  storedId: number | null;
}

/** An angle: arm end, vertex, arm end (placed by three clicks; fewer while being placed). */
export interface AngleMeasurement {
  id: number;
  kind: 'angle';
  points: Vec3[];
  normal: Vec3;
  position: number;
  storedId: number | null;
}

export function lengthMm(m: Pick<LengthMeasurement, 'start' | 'end'>): number {
  return distance(m.start, m.end);
}

/** A measurement is shown on the slice it was drawn on, within half a slice step. */
export function isOnSlice(m: Pick<LengthMeasurement, 'normal' | 'position'>, normal: Vec3, position: number, step: number): boolean {
  const parallel = Math.abs(Math.abs(dot(m.normal, normal)) - 1) < 1e-6;
  const here = dot(m.normal, normal) > 0 ? position : -position;
  return parallel && Math.abs(here - m.position) <= step / 2 + 1e-6;
}

export function formatLength(mm: number): string {
  return mm >= 100 ? `${mm.toFixed(1)} mm` : `${mm.toFixed(2)} mm`;
}
