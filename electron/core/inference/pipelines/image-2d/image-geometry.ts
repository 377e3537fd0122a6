// Where a 2-D image's pixels lie in the patient (PS3.3 C.7.6.2.1.1): P = IPP + X·Δc·c + Y·Δr·r,
// X/Y the row/column direction cosines of Image Orientation (Patient), Δc the spacing between
// columns (Pixel Spacing[1]) and Δr between rows (Pixel Spacing[0]). Radiographs without the
// Image Plane module get no patient coordinates at all: their findings stay in pixels and their
// heat maps on a unit pixel grid, with a warning, never invented millimetres.
import type { OutputVolume } from '../pipeline';
import type { Vec3 } from '../../../volumes/vector-math';
import type { RadiographImage } from './radiograph-image';

/** A mutable LPS point, as findings carry them. */
export type PatientPoint = [number, number, number];

export function pixelToPatient(image: RadiographImage, column: number, row: number): PatientPoint | null {
  const g = image.geometry;
  if (!g) return null;
  const [dr, dc] = g.pixelSpacing;
  return [0, 1, 2].map((a) => (g.position[a] as number) + (g.rowDirection[a] as number) * dc * column + (g.columnDirection[a] as number) * dr * row) as PatientPoint;
}

/** Axis-aligned LPS bounds of a pixel rectangle (its corners may map in any order under rotation). */
export function pixelRectToPatient(image: RadiographImage, min: readonly [number, number], max: readonly [number, number]): [PatientPoint, PatientPoint] | null {
  const corners = [pixelToPatient(image, min[0], min[1]), pixelToPatient(image, max[0], min[1]), pixelToPatient(image, min[0], max[1]), pixelToPatient(image, max[0], max[1])];
  if (corners.some((c) => !c)) return null;
  const all = corners as PatientPoint[];
  const pick = (f: (...v: number[]) => number) => [0, 1, 2].map((a) => f(...all.map((c) => c[a] as number))) as PatientPoint;
  return [pick(Math.min), pick(Math.max)];
}

const cross = (u: Vec3, v: Vec3): Vec3 => [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];

/** The image as a one-slice grid for output volumes; `null` geometry gives the unit pixel grid. */
export function imageGrid(image: RadiographImage): OutputVolume['grid'] {
  const g = image.geometry;
  if (!g) {
    return { dimensions: [image.columns, image.rows, 1], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] };
  }
  return {
    dimensions: [image.columns, image.rows, 1],
    spacing: [g.pixelSpacing[1], g.pixelSpacing[0], 1],
    origin: g.position,
    direction: [g.rowDirection, g.columnDirection, cross(g.rowDirection, g.columnDirection)],
  };
}

export const NO_GEOMETRY_WARNING =
  'The image has no patient geometry (Image Position / Orientation (Patient) and Pixel Spacing; usual for CR): findings are given in image pixels (pixelCenter, pixelBounds) only, and heat maps lie on the pixel grid (1 unit = 1 pixel, not mm).';
