// 3×3×3 median filter (i fastest, then j, then k), computed only where `where` is set (elsewhere
// the input is copied). A median removes isolated noisy voxels while keeping the edges of
// objects larger than the window in place, so thresholded volumes are not grown or shrunk the
// way a mean filter would. Neighbours beyond the grid are left out of the window.

export function medianFilter3(values: Float32Array, dims: readonly [number, number, number], where?: Uint8Array): Float32Array {
  const [ni, nj, nk] = dims;
  if (values.length !== ni * nj * nk) throw new RangeError(`${values.length} values for a ${ni}×${nj}×${nk} grid`);
  const out = Float32Array.from(values);
  const window = new Float32Array(27);
  for (let k = 0; k < nk; k++)
    for (let j = 0; j < nj; j++)
      for (let i = 0; i < ni; i++) {
        const v = (k * nj + j) * ni + i;
        if (where && !where[v]) continue;
        let n = 0;
        for (let kk = Math.max(0, k - 1); kk <= Math.min(nk - 1, k + 1); kk++)
          for (let jj = Math.max(0, j - 1); jj <= Math.min(nj - 1, j + 1); jj++)
            for (let ii = Math.max(0, i - 1); ii <= Math.min(ni - 1, i + 1); ii++) window[n++] = values[(kk * nj + jj) * ni + ii] as number;
        const sorted = window.subarray(0, n).sort();
        out[v] = n % 2 ? (sorted[(n - 1) / 2] as number) : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
      }
  return out;
}
