// Orientation letters for the edges of a view, from the screen axes expressed in patient space
// (LPS, PS3.3 C.7.6.2.1.1: +x = Left, +y = Posterior, +z = Superior). For an oblique direction
// the letters of every axis that contributes are given, strongest first ("LA", "SPL"), the way
// RadiAnt and Horos label oblique views.
import type { Vec3 } from './vec3';

const LETTERS: readonly [[string, string], [string, string], [string, string]] = [
  ['L', 'R'],
  ['P', 'A'],
  ['S', 'I'],
];

/** A component must reach this share of the vector to earn a letter (≈ 14° off an axis). */
const OBLIQUE_THRESHOLD = 0.25;

/** The letters naming where `direction` points in the patient, e.g. [1,0,0] → "L". */
export function orientationLabel(direction: Vec3, threshold = OBLIQUE_THRESHOLD): string {
  const n = Math.hypot(direction[0], direction[1], direction[2]);
  if (!(n > 0)) return '';
  return [0, 1, 2]
    .map((axis) => ({ axis, value: (direction[axis] as number) / n }))
    .filter((c) => Math.abs(c.value) >= threshold)
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
    .map((c) => LETTERS[c.axis as 0 | 1 | 2][c.value > 0 ? 0 : 1])
    .join('');
}

export interface EdgeMarkers {
  left: string;
  right: string;
  top: string;
  bottom: string;
}

/** Markers for the four edges of a view whose screen-right and screen-up are given in LPS. */
export function edgeMarkers(right: Vec3, up: Vec3): EdgeMarkers {
  return {
    right: orientationLabel(right),
    left: orientationLabel([-right[0], -right[1], -right[2]]),
    top: orientationLabel(up),
    bottom: orientationLabel([-up[0], -up[1], -up[2]]),
  };
}
