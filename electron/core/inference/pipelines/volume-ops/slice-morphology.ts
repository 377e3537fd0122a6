// Binary morphology slice by slice (in the i–j plane of each k), for thick-slice CT where a
// 3-D structuring element would reach across 5–10 mm of anatomy. Masks are Uint8Array on a
// grid with i fastest, then j, then k. The disc is an octagon: alternating 4- and 8-neighbour
// steps, which needs no per-voxel offset list and costs 9 reads per voxel per step.

type Dims = readonly [number, number, number];

function step(mask: Uint8Array, dims: Dims, grow: boolean, diagonal: boolean): Uint8Array {
  const [ni, nj, nk] = dims;
  const out = new Uint8Array(mask.length);
  const want = grow ? 1 : 0;
  for (let k = 0; k < nk; k++)
    for (let j = 0; j < nj; j++)
      for (let i = 0; i < ni; i++) {
        const v = (k * nj + j) * ni + i;
        let hit = mask[v] === want;
        for (let dj = -1; dj <= 1 && !hit; dj++)
          for (let di = -1; di <= 1 && !hit; di++) {
            if ((di === 0 && dj === 0) || (!diagonal && di !== 0 && dj !== 0)) continue;
            const ii = i + di;
            const jj = j + dj;
            // Beyond the slice edge counts as background for dilation and as foreground for erosion.
            if (ii < 0 || jj < 0 || ii >= ni || jj >= nj) continue;
            if (mask[v + dj * ni + di] === want) hit = true;
          }
        out[v] = grow ? (hit ? 1 : 0) : hit ? 0 : 1;
      }
  return out;
}

/** Dilation by a disc of `radius` voxels in every slice. */
export function dilateSlices(mask: Uint8Array, dims: Dims, radius: number): Uint8Array {
  let current = mask;
  for (let r = 0; r < radius; r++) current = step(current, dims, true, r % 2 === 1);
  return current;
}

/** Erosion by a disc of `radius` voxels in every slice. */
export function erodeSlices(mask: Uint8Array, dims: Dims, radius: number): Uint8Array {
  let current = mask;
  for (let r = 0; r < radius; r++) current = step(current, dims, false, r % 2 === 1);
  return current;
}

export const closeSlices = (mask: Uint8Array, dims: Dims, radius: number): Uint8Array => erodeSlices(dilateSlices(mask, dims, radius), dims, radius);
export const openSlices = (mask: Uint8Array, dims: Dims, radius: number): Uint8Array => dilateSlices(erodeSlices(mask, dims, radius), dims, radius);

/**
 * Marks, in every slice, the voxels of `mask` (non-zero) that are 4-connected to the slice's
 * edge: e.g. the air around the patient on a CT slice.
 */
export function connectedToSliceEdge(mask: Uint8Array, dims: Dims): Uint8Array {
  const [ni, nj, nk] = dims;
  const plane = ni * nj;
  const out = new Uint8Array(mask.length);
  const queue = new Int32Array(plane);
  for (let k = 0; k < nk; k++) {
    const base = k * plane;
    let tail = 0;
    const push = (p: number) => {
      if (mask[base + p] && !out[base + p]) {
        out[base + p] = 1;
        queue[tail++] = p;
      }
    };
    for (let i = 0; i < ni; i++) {
      push(i);
      push((nj - 1) * ni + i);
    }
    for (let j = 0; j < nj; j++) {
      push(j * ni);
      push(j * ni + ni - 1);
    }
    for (let head = 0; head < tail; head++) {
      const p = queue[head] as number;
      const i = p % ni;
      const j = (p - i) / ni;
      if (i > 0) push(p - 1);
      if (i < ni - 1) push(p + 1);
      if (j > 0) push(p - ni);
      if (j < nj - 1) push(p + ni);
    }
  }
  return out;
}

/** Fills, in every slice, the background regions not 4-connected to the slice's edge. */
export function fillSliceHoles(mask: Uint8Array, dims: Dims): Uint8Array {
  const background = new Uint8Array(mask.length);
  for (let v = 0; v < mask.length; v++) background[v] = mask[v] ? 0 : 1;
  const outside = connectedToSliceEdge(background, dims);
  const out = new Uint8Array(mask.length);
  for (let v = 0; v < mask.length; v++) out[v] = outside[v] ? 0 : 1;
  return out;
}
