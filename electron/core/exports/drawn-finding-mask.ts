// A finding the reader added, rasterized onto the source slices as the mask of a MANUAL segment.
// The drawing is the reader's boundsLPS (an LPS axis-aligned box) with `shape` from the review
// values: 'ellipse' gives the ellipsoid inscribed in the box (the drawing tool's ellipse, extended
// through the slices the bounds cover); 'box' or no shape fills the box, as the viewer draws a
// finding without a shape (electron/shared/reports.ts), so the SEG shows what the reader saw. A pixel
// belongs to the mask when its centre (PS3.3 C.7.6.2.1.1: IPP + column·Δc·row direction +
// row·Δr·column direction) is inside. An axis on which the drawing is thinner than one voxel
// (a drawing in one slice) is flat: the 2-D ellipse/box is placed on the slice(s) whose voxel
// extent along that axis reaches the drawing, instead of an ellipsoid too thin to hit any centre.
import type { FindingValues } from '../../shared/reports';
import type { NaturalDataset } from '../dicom-objects/natural-dataset';

export type DrawnMask = { mask: Uint8Array; voxels: number } | { reason: string };

type Vec3 = [number, number, number];

const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.map(Number) : []);

/** Per LPS axis, how far one voxel of the series reaches (pixel spacings and slice gap projected on it). */
function voxelFootprint(sources: NaturalDataset[], rowDir: Vec3, colDir: Vec3, normal: Vec3, rowSpacing: number, colSpacing: number): Vec3 {
  const along = sources.map((d) => numbers(d.ImagePositionPatient).reduce((s, v, k) => s + v * normal[k]!, 0)).sort((a, b) => a - b);
  const gaps = along.slice(1).map((x, i) => x - along[i]!);
  const sliceGap = gaps.length > 0 ? gaps.reduce((a, b) => a + b, 0) / gaps.length : Number(sources[0]!.SliceThickness ?? 1);
  return [0, 1, 2].map((a) => Math.abs(rowDir[a]!) * colSpacing + Math.abs(colDir[a]!) * rowSpacing + Math.abs(normal[a]!) * Math.abs(sliceGap)) as Vec3;
}

/** The mask of an added finding on `sources` (laid out source s, row r, column c), or why there is none. */
export function rasterizeDrawnFinding(sources: NaturalDataset[], values: FindingValues): DrawnMask {
  if (!values.boundsLPS) {
    return { reason: 'it has no drawn extent (only a position or diameters), so there is no outline to segment' };
  }
  const first = sources[0]!;
  const iop = numbers(first.ImageOrientationPatient);
  const spacing = numbers(first.PixelSpacing);
  if (iop.length !== 6 || spacing.length !== 2) return { reason: 'the images have no patient geometry (Image Plane module) to place it on' };
  const rowDir = iop.slice(0, 3) as Vec3;
  const colDir = iop.slice(3, 6) as Vec3;
  const normal: Vec3 = [rowDir[1] * colDir[2] - rowDir[2] * colDir[1], rowDir[2] * colDir[0] - rowDir[0] * colDir[2], rowDir[0] * colDir[1] - rowDir[1] * colDir[0]];
  const [rowSpacing, colSpacing] = spacing as [number, number];
  const footprint = voxelFootprint(sources, rowDir, colDir, normal, rowSpacing, colSpacing);
  const [lo, hi] = values.boundsLPS;
  const mid = [0, 1, 2].map((a) => (lo[a]! + hi[a]!) / 2);
  const half = [0, 1, 2].map((a) => Math.abs(hi[a]! - lo[a]!) / 2);
  const flat = half.map((h, a) => 2 * h < footprint[a]!);
  // Flat axes: the slab of slices reaching the drawing; others: the drawing's own half-extent.
  const reach = half.map((h, a) => (flat[a] ? h + footprint[a]! / 2 : h));
  const box = values.shape !== 'ellipse';

  const rows = Number(first.Rows);
  const cols = Number(first.Columns);
  const perSlice = rows * cols;
  const mask = new Uint8Array(perSlice * sources.length);
  let count = 0;
  const p: Vec3 = [0, 0, 0];
  sources.forEach((source, s) => {
    const position = numbers(source.ImagePositionPatient);
    // A slice whose corners all lie beyond the drawing on some axis has no pixel in it (a 300-slice CT touches a few).
    const corners = [0, cols - 1].flatMap((c) => [0, rows - 1].map((r) => [0, 1, 2].map((a) => position[a]! + c * colSpacing * rowDir[a]! + r * rowSpacing * colDir[a]!)));
    const apart = [0, 1, 2].some((a) => corners.every((q) => q[a]! < mid[a]! - reach[a]! - 1e-9) || corners.every((q) => q[a]! > mid[a]! + reach[a]! + 1e-9));
    if (apart) return;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        let inside = true;
        let sum = 0;
        for (let a = 0; a < 3 && inside; a++) {
          p[a] = position[a]! + c * colSpacing * rowDir[a]! + r * rowSpacing * colDir[a]!;
          const d = Math.abs(p[a]! - mid[a]!);
          if (d > reach[a]! + 1e-9) inside = false;
          else if (!flat[a] && !box) sum += (d / half[a]!) ** 2;
        }
        if (inside && sum <= 1 + 1e-9) {
          mask[s * perSlice + r * cols + c] = 1;
          count++;
        }
      }
    }
  });
  if (count === 0) return { reason: 'its drawing lies outside the images of the segmented series' };
  return { mask, voxels: count };
}
