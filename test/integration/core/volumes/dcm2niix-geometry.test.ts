// Geometry and voxel values of assembled volumes against dcm2niix, the reference DICOM-to-NIfTI
// converter, on every series in ../shared/data it converts. Both sides are compared as NIfTI:
// ours through our own writer and reader, so the export path is under test too.
import { mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffusionTables } from '../../../../electron/core/nifti/diffusion-tables';
import { niftiAffine } from '../../../../electron/core/nifti/nifti-affine';
import { decodeNifti } from '../../../../electron/core/nifti/nifti-reader';
import { encodeNifti } from '../../../../electron/core/nifti/nifti-writer';
import type { Volume } from '../../../../electron/core/volumes/volume';
import { readDataset } from '../../../../electron/core/volumes/dicom-dataset';
import { assembleVolumes } from '../../../../electron/core/volumes/volume-assembly';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';
import { HAS_DCM2NIIX, compareVoxels, cornerDeviation, runDcm2niix } from './dcm2niix-reference';

const temp = makeTempDir('yingdu-dcm2niix-');
afterAll(() => temp.remove());
const figures: Record<string, { maxDeviationMm: number; differingVoxels: number; maxValueDifference: number }> = {};
afterAll(() => {
  for (const [name, f] of Object.entries(figures)) {
    process.stdout.write(`dcm2niix ${name}: sform max corner deviation ${f.maxDeviationMm.toExponential(2)} mm, ` +
      `voxels differing ${f.differingVoxels}, max value difference ${f.maxValueDifference}\n`);
  }
  process.stdout.write(`${JSON.stringify({ bench: 'dcm2niix-geometry', figures })}\n`);
});

function readFolder(dir: string, names?: string[]): Uint8Array[] {
  return (names ?? readdirSync(dir).filter((f) => !f.endsWith('.txt'))).map((f) => new Uint8Array(readFileSync(path.join(dir, f))));
}

/** A folder of links to some of a series' files, so dcm2niix sees exactly those. */
function linkFolder(name: string, dir: string, files: string[]): string {
  const out = path.join(temp.dir, `in-${name}`);
  mkdirSync(out);
  for (const f of files) symlinkSync(path.join(dir, f), path.join(out, f));
  return out;
}

function reference(name: string, inputDir: string) {
  const out = path.join(temp.dir, `out-${name}`);
  mkdirSync(out);
  return runDcm2niix(inputDir, out);
}

/** Our volumes as dcm2niix would lay them out, through our writer and reader. */
function ours(volumes: Volume[]) {
  return decodeNifti(encodeNifti(volumes));
}

function expectSameImage(name: string, volumes: Volume[], inputDir: string, pick = (names: string[]) => names[0] as string, tolerance = 0) {
  const ref = reference(name, inputDir);
  const refName = pick([...ref.images.keys()].sort());
  const theirs = ref.images.get(refName);
  if (!theirs) throw new Error(`dcm2niix wrote no ${refName} for ${name}`);
  const mine = ours(volumes);
  expect(mine.dims.slice(1, 4)).toEqual(theirs.dims.slice(1, 4));
  expect(Math.max(1, mine.dims[4] ?? 1)).toBe(Math.max(1, theirs.dims[4] ?? 1));
  const deviation = cornerDeviation(mine.sform, theirs.sform, mine.dims.slice(1, 4));
  const values = compareVoxels(mine.voxels, theirs.voxels, tolerance);
  const exact = compareVoxels(mine.voxels, theirs.voxels, 0);
  figures[name] = { maxDeviationMm: deviation, differingVoxels: exact.differing, maxValueDifference: values.maxDifference };
  return { ref, mine, theirs, deviation, values };
}

describe.skipIf(!HAS_SHARED || !HAS_DCM2NIIX)(`volumes match dcm2niix ${HAS_SHARED ? '' : SHARED_MISSING_REASON}`, async () => {
  for (const kernel of ['B70f', 'B40f']) {
    it(`chest CT ${kernel}: same grid within 1e-3 mm and identical voxels`, async () => {
      const dir = sharedData('ct-chest-lung-pet-ct-dx', 'A0002', `series-${kernel}`);
      const volumes = await assembleVolumes(readFolder(dir));
      expect(volumes).toHaveLength(1);
      expect(volumes[0]?.warnings).toEqual([]);
      const { deviation, values } = expectSameImage(`chest-${kernel}`, volumes, dir);
      expect(deviation).toBeLessThan(1e-3);
      expect(values.differing).toBe(0);
    });
  }

  it('Philips DWI (scrambled instances): 17 labelled volumes in dcm2niix order, same 4-D grid and voxels', async () => {
    const dir = sharedData('mr-brain-dwi-philips');
    const volumes = await assembleVolumes(readFolder(dir, readdirSync(dir).filter((f) => f.startsWith('IM_'))));
    expect(volumes).toHaveLength(17);
    const { ref, deviation, values } = expectSameImage('dwi-philips-4d', volumes, dir);
    expect(deviation).toBeLessThan(1e-3);
    expect(values.differing).toBe(0);
    // Same b-values in the same order as dcm2niix's .bval, and the labels say them.
    expect(ref.bval).not.toBeNull();
    const ourB = volumes.map((v) => Number(/^b=([\d.]+)/.exec(v.label)?.[1]));
    expect(ourB).toEqual(ref.bval);
    expect(volumes.filter((v) => /^b=1000 dir \d+$/.test(v.label))).toHaveLength(12);
    expect(new Set(volumes.map((v) => v.label)).size).toBe(17);
    // .bval / .bvec as dcm2niix writes them (gradients in the flipped image frame). dcm2niix
    // leaves the b=0 volume's isotropic Philips vector unrotated; a b=0 direction means nothing,
    // so those columns are not compared.
    const tables = diffusionTables(volumes);
    expect(tables).not.toBeNull();
    expect(tables!.bval.trim().split(' ').map(Number)).toEqual(ref.bval);
    const ours = tables!.bvec.trim().split('\n').map((line) => line.split(' ').map(Number));
    let worst = 0;
    ref.bval!.forEach((b, t) => {
      if (b === 0) return;
      for (let r = 0; r < 3; r++) worst = Math.max(worst, Math.abs(ours[r]![t]! - ref.bvec![r]![t]!));
    });
    expect(worst).toBeLessThan(1e-4);
  });

  it('dcmqi ADC parametric map series: same grid within 1e-3 mm (regular within the rounding of its positions) and identical voxels', async () => {
    const dir = sharedData('conformance', 'dcmqi', 'paramaps', '701-ADCb500');
    const files = readFolder(dir);
    const volumes = await assembleVolumes(files);
    expect(volumes).toHaveLength(1);
    const { deviation, values } = expectSameImage('adc-paramap', volumes, dir);
    expect(values.differing).toBe(0);
    expect(deviation).toBeLessThan(1e-3);
    // Positions here carry 6 significant digits (e.g. -108.462, rounded by up to 5e-4 mm), and
    // every gap equals the first one within that rounding, so the grid is dcm2niix's: the first
    // gap along the normal. Its cost, measured: the far slice sits off its file's position by
    // (slices − 1) × (first − mean gap), which the rule bounds to 1/100 of a slice.
    const v = volumes[0] as Volume;
    const positions = files.map((bytes) => readDataset(bytes).dict['00200032']?.Value?.map(Number) ?? []);
    const slice = v.direction[2];
    expect(Math.abs(v.spacing[2] - 3)).toBeLessThan(1e-3);
    const misses = positions.map((ipp) => Math.min(...Array.from({ length: v.dimensions[2] }, (_, k) =>
      Math.hypot(...[0, 1, 2].map((r) => (ipp[r] as number) - ((v.origin[r] as number) + k * v.spacing[2] * (slice[r] as number)))))));
    const worst = Math.max(...misses);
    process.stdout.write(`ADC paramap: the first-gap grid misses a file by at most ${worst.toExponential(2)} mm\n`);
    expect(worst).toBeLessThan(0.01 * v.spacing[2]);
    // The first slice is where its file says (the grid's origin).
    expect(Math.min(...misses)).toBeLessThan(1e-9);
  });

  const singles = [
    ['pydicom CT_small', 'conformance/pydicom', 'CT_small.dcm'],
    ['pydicom MR_small', 'conformance/pydicom', 'MR_small.dcm'],
    ['WG04 CT1', 'conformance/wg04/REF', 'CT1_UNC'],
    ['WG04 CT2', 'conformance/wg04/REF', 'CT2_UNC'],
    ['WG04 MR1', 'conformance/wg04/REF', 'MR1_UNC'],
    ['WG04 MR2 (oblique)', 'conformance/wg04/REF', 'MR2_UNC'],
    ['pydicom eCT_Supplemental (enhanced CT, 2 frames from functional groups)', 'conformance/pydicom', 'eCT_Supplemental.dcm'],
  ] as const;
  for (const [name, folder, file] of singles) {
    it(`single image ${name}: same plane placement and voxels`, async () => {
      const dir = sharedData(...folder.split('/'));
      const volumes = await assembleVolumes(readFolder(dir, [file]));
      const { deviation, values } = expectSameImage(name.replace(/\W+/g, '-'), volumes, linkFolder(name.replace(/\W+/g, '-'), dir, [file]));
      expect(deviation).toBeLessThan(1e-3);
      expect(values.differing).toBe(0);
    });
  }

  it('gantry-tilted head CT, regular part (slices 1-14): tilt-corrected grid matches dcm2niix _Tilt within 1e-3 mm', async () => {
    const dir = sharedData('ct-head-gantry-tilt');
    const files = readdirSync(dir).filter((f) => f.endsWith('.dcm')).sort().slice(0, 14);
    const volumes = await assembleVolumes(readFolder(dir, files));
    expect(volumes[0]?.resampled).toBe(true);
    expect(volumes[0]?.warnings.some((w) => w.startsWith('gantry tilt 18.5°'))).toBe(true);
    const { deviation, values, mine } = expectSameImage('tilt-head-regular', volumes, linkFolder('tilt-regular', dir, files), (n) => n.find((x) => x.includes('_Tilt')) as string, 1);
    expect(deviation).toBeLessThan(1e-3);
    // Both interpolate along rows; float32 (dcm2niix) against float64 rounding may differ by one.
    expect(values.maxDifference).toBeLessThanOrEqual(1);
    expect(values.differing).toBe(0);
    expect(mine.dims[2]).toBeGreaterThan(512);
  });

  it('gantry-tilted head CT, whole series (4.0 then 7.0 mm, one 1.1 mm overlap): warnings, and dcm2niix _Tilt_Eq voxels', async () => {
    const dir = sharedData('ct-head-gantry-tilt');
    const volumes = await assembleVolumes(readFolder(dir, readdirSync(dir).filter((f) => f.endsWith('.dcm'))));
    const volume = volumes[0] as Volume;
    expect(volume.warnings).toEqual(
      expect.arrayContaining([
        'slice spacing 1.1 mm where 4.0 mm is expected between slices 14 and 15',
        'slice gap 7.0 mm where 4.0 mm is expected between slices 15 and 28 (13 gaps)',
      ]),
    );
    const { ref, deviation, values, mine, theirs } = expectSameImage('tilt-head-eq', volumes, dir, (n) => n.find((x) => x.includes('_Tilt_Eq')) as string, 1);
    expect(values.differing).toBe(0);
    // dcm2niix 1.0.20220720 scales the z ROW of the sform by the new spacing (nii_saveNII3Deq scales
    // srow_z[0..2]) instead of the slice COLUMN, so its _Tilt_Eq sform is not the grid of its own
    // voxels: slice 0 of _Tilt_Eq is bit-identical to DICOM slice 1, yet its sform moves that
    // slice's far row by ~27 mm in z. Undo that one step (scale from its uncorrected pixdim[3])
    // and the grids agree; the raw deviation is printed as a figure.
    const plain = ref.images.get('out.nii');
    if (!plain) throw new Error('dcm2niix wrote no uncorrected out.nii');
    const scale = (theirs.pixdim[3] as number) / (plain.pixdim[3] as number);
    const fixed = theirs.sform.map((r) => [...r]);
    (fixed[2] as number[])[1] = (theirs.sform[2]?.[1] as number) / scale;
    (fixed[0] as number[])[2] = (theirs.sform[0]?.[2] as number) * scale;
    (fixed[1] as number[])[2] = (theirs.sform[1]?.[2] as number) * scale;
    const corrected = cornerDeviation(mine.sform, fixed, mine.dims.slice(1, 4));
    figures['tilt-head-eq'] = { ...(figures['tilt-head-eq'] as (typeof figures)[string]), maxDeviationMm: corrected };
    figures['tilt-head-eq (dcm2niix sform as written)'] = { maxDeviationMm: deviation, differingVoxels: values.differing, maxValueDifference: values.maxDifference };
    expect(corrected).toBeLessThan(1e-3);
    // The affine we export is orthogonal (a proper rotation × spacing), unlike a sheared one.
    const a = niftiAffine(volume);
    const col = (c: number) => [0, 1, 2].map((r) => a[r]?.[c] as number);
    const dotp = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * (y[i] as number), 0);
    expect(Math.abs(dotp(col(1), col(2)))).toBeLessThan(1e-9);
  });
});
