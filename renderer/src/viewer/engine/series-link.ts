// Linked scrolling and zoom between series of one Frame of Reference (PS3.3 C.7.4.1): series
// that share it share patient coordinates, so a slice of one is matched to the slice of the
// other at the same patient position along the common normal — not the same index, which
// differs as soon as the series differ in coverage, spacing or slice order.
import { type Vec3, dot } from './vec3';

/** Planes within this angle (≈ 2°) count as parallel: reconstructions of one acquisition. */
const PARALLEL_COSINE = Math.cos((2 * Math.PI) / 180);

export interface LinkablePlane {
  frameOfReferenceUID: string;
  /** The plane's normal (the view's base normal, LPS). */
  normal: Vec3;
  /** A patient point on the plane (the view's centre projected onto it). */
  point: Vec3;
}

/** Whether two views may be linked: same non-empty Frame of Reference and parallel planes. */
export function canLink(a: Pick<LinkablePlane, 'frameOfReferenceUID' | 'normal'>, b: Pick<LinkablePlane, 'frameOfReferenceUID' | 'normal'>): boolean {
  if (!a.frameOfReferenceUID || a.frameOfReferenceUID !== b.frameOfReferenceUID) return false;
  return Math.abs(dot(a.normal, b.normal)) >= PARALLEL_COSINE;
}

/**
 * The position (mm along `targetNormal`) of the target view's plane through the source plane's
 * point, or null when the views may not be linked. An anti-parallel normal (a series stored
 * feet-first) gives the negated position, which is the same patient plane.
 */
export function linkedPosition(source: LinkablePlane, target: Pick<LinkablePlane, 'frameOfReferenceUID' | 'normal'>): number | null {
  return canLink(source, target) ? dot(source.point, target.normal) : null;
}
