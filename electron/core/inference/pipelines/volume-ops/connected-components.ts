// Connected-component labelling of a binary mask on a 3-D grid (i fastest, then j, then k),
// with 6-, 18- or 26-connectivity (face / +edge / +corner neighbours). One breadth-first sweep
// with an explicit queue: no recursion, so a component filling a 256³ cube cannot overflow the
// stack, and memory is two Int32Arrays the size of the grid.

export type Connectivity = 6 | 18 | 26;

export interface Components {
  /** 0 = background, 1…count = component (numbered in scan order). */
  labels: Int32Array;
  /** Voxel count of component n at index n − 1. */
  sizes: number[];
}

function neighbourOffsets(connectivity: Connectivity): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (let dk = -1; dk <= 1; dk++)
    for (let dj = -1; dj <= 1; dj++)
      for (let di = -1; di <= 1; di++) {
        const manhattan = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
        if (manhattan === 0) continue;
        if (connectivity === 6 && manhattan > 1) continue;
        if (connectivity === 18 && manhattan > 2) continue;
        out.push([di, dj, dk]);
      }
  return out;
}

/** Labels the non-zero voxels of `mask`. */
export function connectedComponents(mask: ArrayLike<number>, dims: readonly [number, number, number], connectivity: Connectivity = 26): Components {
  const [ni, nj, nk] = dims;
  const total = ni * nj * nk;
  if (mask.length !== total) throw new RangeError(`mask has ${mask.length} voxels for a ${ni}×${nj}×${nk} grid`);
  const offsets = neighbourOffsets(connectivity);
  const labels = new Int32Array(total);
  const queue = new Int32Array(total);
  const sizes: number[] = [];
  for (let seed = 0; seed < total; seed++) {
    if (!mask[seed] || labels[seed]) continue;
    const label = sizes.length + 1;
    labels[seed] = label;
    let head = 0;
    let tail = 0;
    queue[tail++] = seed;
    while (head < tail) {
      const v = queue[head++] as number;
      const i = v % ni;
      const j = ((v - i) / ni) % nj;
      const k = (v - i - j * ni) / (ni * nj);
      for (const [di, dj, dk] of offsets) {
        const ii = i + di;
        const jj = j + dj;
        const kk = k + dk;
        if (ii < 0 || jj < 0 || kk < 0 || ii >= ni || jj >= nj || kk >= nk) continue;
        const n = (kk * nj + jj) * ni + ii;
        if (!mask[n] || labels[n]) continue;
        labels[n] = label;
        queue[tail++] = n;
      }
    }
    sizes.push(tail);
  }
  return { labels, sizes };
}

/** A mask of only the largest component (all zero when the mask is empty). */
export function largestComponent(mask: ArrayLike<number>, dims: readonly [number, number, number], connectivity: Connectivity = 26): Uint8Array {
  const { labels, sizes } = connectedComponents(mask, dims, connectivity);
  const out = new Uint8Array(labels.length);
  if (sizes.length === 0) return out;
  const keep = sizes.indexOf(Math.max(...sizes)) + 1;
  for (let v = 0; v < labels.length; v++) if (labels[v] === keep) out[v] = 1;
  return out;
}
