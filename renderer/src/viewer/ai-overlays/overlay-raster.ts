// Draws an overlay volume into a viewport's pixels by resampling it on the viewport's plane with
// nearest neighbour: each screen pixel's centre goes through the same screen → patient mapping
// the base image uses (slice-geometry.ts), then into the overlay grid's voxel indices. Label maps
// therefore line up with the image in every view (2-D, axial/coronal/sagittal MPR, oblique,
// rotated or flipped) without vtk.js, and label values are never interpolated.
import { type ScreenMapping, type VolumeGeometry, rightOf, screenToWorld, worldToIndex } from '../engine/slice-geometry';
import { type Vec3, scale, sub } from '../engine/vec3';
import type { Colorize, OverlayVoxels } from './overlay-layer';

/** Continuous voxel index of a screen point: at the pixel's (x, y) and its change per pixel right and down. */
export interface IndexMapping {
  origin: Vec3;
  perX: Vec3;
  perY: Vec3;
}

/** The affine map from screen pixels to the overlay grid's continuous voxel indices. */
export function screenToIndexMapping(mapping: ScreenMapping, grid: VolumeGeometry): IndexMapping {
  const origin = worldToIndex(grid, screenToWorld(mapping, 0, 0));
  const right = scale(rightOf(mapping.frame), mapping.mmPerPixel);
  const down = scale(mapping.frame.up, -mapping.mmPerPixel);
  // worldToIndex is affine: the change of index per screen step is its linear part on that step.
  const zero = worldToIndex(grid, [0, 0, 0]);
  return { origin, perX: sub(worldToIndex(grid, right), zero), perY: sub(worldToIndex(grid, down), zero) };
}

/** Nearest voxel (i, j, k) of screen pixel (x, y)'s centre, or null outside the grid. */
export function voxelAtPixel(m: IndexMapping, grid: Pick<VolumeGeometry, 'dimensions'>, x: number, y: number): [number, number, number] | null {
  const cx = x + 0.5;
  const cy = y + 0.5;
  const i = Math.round(m.origin[0] + m.perX[0] * cx + m.perY[0] * cy);
  const j = Math.round(m.origin[1] + m.perX[1] * cx + m.perY[1] * cy);
  const k = Math.round(m.origin[2] + m.perX[2] * cx + m.perY[2] * cy);
  const [nx, ny, nz] = grid.dimensions;
  return i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz ? [i, j, k] : null;
}

/**
 * Fills `out` (packed RGBA, `width`×`height`, row-major from the top-left) with the overlay's
 * colours on this view; returns how many pixels were coloured.
 */
export function rasterizeOverlay(
  out: Uint32Array,
  width: number,
  height: number,
  m: IndexMapping,
  grid: Pick<VolumeGeometry, 'dimensions'>,
  voxels: OverlayVoxels,
  colorize: Colorize,
): number {
  const [nx, ny, nz] = grid.dimensions;
  const plane = nx * ny;
  let painted = 0;
  out.fill(0);
  for (let y = 0; y < height; y++) {
    const cy = y + 0.5;
    // +0.5: Math.floor of (index + 0.5) is the nearest voxel, and cheaper than Math.round in the loop.
    let fi = m.origin[0] + m.perY[0] * cy + m.perX[0] * 0.5 + 0.5;
    let fj = m.origin[1] + m.perY[1] * cy + m.perX[1] * 0.5 + 0.5;
    let fk = m.origin[2] + m.perY[2] * cy + m.perX[2] * 0.5 + 0.5;
    const row = y * width;
    for (let x = 0; x < width; x++, fi += m.perX[0], fj += m.perX[1], fk += m.perX[2]) {
      if (fi < 0 || fj < 0 || fk < 0) continue;
      const i = Math.floor(fi);
      const j = Math.floor(fj);
      const k = Math.floor(fk);
      if (i >= nx || j >= ny || k >= nz) continue;
      const color = colorize(voxels[i + nx * j + plane * k]!);
      if (color !== 0) {
        out[row + x] = color;
        painted++;
      }
    }
  }
  return painted;
}
