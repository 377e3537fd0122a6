// Erosion of a binary mask by a ball of `radiusMm` in patient millimetres, on a grid with
// anisotropic spacing (the structuring element is an ellipsoid in voxels). Voxels beyond the
// grid count as inside: the end of the field of view (a DWI slab that does not cover the whole
// brain) is not an anatomical edge, so only real mask boundaries are eaten into.

export function erodeMask(mask: Uint8Array, dims: readonly [number, number, number], spacing: readonly [number, number, number], radiusMm: number): Uint8Array {
  const [ni, nj, nk] = dims;
  if (mask.length !== ni * nj * nk) throw new RangeError(`mask has ${mask.length} voxels for a ${ni}×${nj}×${nk} grid`);
  const [ri, rj, rk] = spacing.map((s) => Math.floor(radiusMm / s)) as [number, number, number];
  const offsets: Array<[number, number, number]> = [];
  for (let dk = -rk; dk <= rk; dk++)
    for (let dj = -rj; dj <= rj; dj++)
      for (let di = -ri; di <= ri; di++) {
        const mm = Math.hypot(di * spacing[0], dj * spacing[1], dk * spacing[2]);
        if (mm > 0 && mm <= radiusMm + 1e-6) offsets.push([di, dj, dk]);
      }
  const out = new Uint8Array(mask.length);
  for (let k = 0; k < nk; k++)
    for (let j = 0; j < nj; j++)
      for (let i = 0; i < ni; i++) {
        const v = (k * nj + j) * ni + i;
        if (!mask[v]) continue;
        let keep = 1;
        for (const [di, dj, dk] of offsets) {
          const ii = i + di;
          const jj = j + dj;
          const kk = k + dk;
          if (ii < 0 || jj < 0 || kk < 0 || ii >= ni || jj >= nj || kk >= nk) continue;
          if (!mask[(kk * nj + jj) * ni + ii]) {
            keep = 0;
            break;
          }
        }
        out[v] = keep;
      }
  return out;
}
