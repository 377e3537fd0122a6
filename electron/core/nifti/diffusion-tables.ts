// FSL-style .bval / .bvec text for a 4-D diffusion export, as dcm2niix writes them: one column
// per volume; gradients in the image frame (components along i, j, k), with j negated because
// the NIfTI rows are flipped (nifti-affine.ts). b=0 volumes get a zero vector.
import type { Volume } from '../volumes/volume';

export interface DiffusionTables {
  bval: string;
  bvec: string;
}

/**
 * Null unless every volume carries diffusion information with gradients in patient space (GE's
 * private image-frame gradients are not rotated here rather than written wrongly).
 */
export function diffusionTables(volumes: readonly Volume[]): DiffusionTables | null {
  if (volumes.length === 0 || volumes.some((v) => !v.diffusion || (v.diffusion.direction && !v.diffusion.directionInPatient))) return null;
  const rows: string[][] = [[], [], []];
  const bvals: string[] = [];
  for (const volume of volumes) {
    const { bValue, direction } = volume.diffusion!;
    bvals.push(format(bValue));
    const [i, j, k] = volume.direction;
    const along = (axis: readonly number[]) => (direction ? direction[0] * axis[0]! + direction[1] * axis[1]! + direction[2] * axis[2]! : 0);
    rows[0]!.push(format(along(i)));
    rows[1]!.push(format(direction ? -along(j) : 0));
    rows[2]!.push(format(along(k)));
  }
  return { bval: `${bvals.join(' ')}\n`, bvec: `${rows.map((r) => r.join(' ')).join('\n')}\n` };
}

function format(value: number): string {
  return String(Number(value.toPrecision(6)) + 0);
}
