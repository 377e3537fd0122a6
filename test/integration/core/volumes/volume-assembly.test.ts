// Assembly behaviour on real files: ordering by position (not file or instance order), a
// missing slice, objects without geometry, non-image objects in a series folder.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../electron/shared/result';
import { numbers, readDataset, readDatasetWithDcmjs } from '../../../../electron/core/volumes/dicom-dataset';
import { readFrameHeaders } from '../../../../electron/core/volumes/frame-header';
import { scanDataset } from '../../../../electron/core/volumes/scanned-dataset';
import { assembleVolumes } from '../../../../electron/core/volumes/volume-assembly';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';

const read = (dir: string, names: string[]) => names.map((f) => new Uint8Array(readFileSync(path.join(dir, f))));
const chest = sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B40f');

describe.skipIf(!HAS_SHARED)(`volume assembly on real series ${HAS_SHARED ? '' : SHARED_MISSING_REASON}`, () => {
  it('orders slices by position whatever order the files come in', async () => {
    const names = readdirSync(chest).sort();
    const [inOrder] = await assembleVolumes(read(chest, names));
    const [reversed] = await assembleVolumes(read(chest, [...names].reverse()));
    expect(reversed?.origin).toEqual(inOrder?.origin);
    expect(Buffer.from(reversed!.voxels.buffer).equals(Buffer.from(inOrder!.voxels.buffer))).toBe(true);
  });

  it('reports a missing slice with its place and size, and fills the grid at the acquired spacing', async () => {
    // Drop the file holding the 13th slice along the normal (an axial stack: sort by z).
    const names = readdirSync(chest).sort();
    const z = (n: string) => numbers(readDataset(read(chest, [n])[0]!).dict, '00200032')[2]!;
    const dropped = [...names].sort((a, b) => z(a) - z(b))[12]!;
    const [gappy] = await assembleVolumes(read(chest, names.filter((n) => n !== dropped)));
    expect(gappy!.warnings).toContain('slice gap 16.0 mm where 8.0 mm is expected between slices 12 and 13; about 1 slice(s) missing');
    expect(gappy!.dimensions).toEqual([512, 512, 30]);
    expect(gappy!.spacing[2]).toBeCloseTo(8, 6);
    expect(gappy!.resampled).toBe(true);
  });

  it('refuses an enhanced multi-frame object without plane position or orientation, saying why', async () => {
    const emri = read(sharedData('conformance', 'pydicom'), ['emri_small.dcm']);
    await expect(assembleVolumes(emri)).rejects.toMatchObject({ code: 'NOT_A_VOLUME' });
    await expect(assembleVolumes(emri)).rejects.toBeInstanceOf(AppError);
    // Beside a good series, the unplaceable object is left out with a warning, not fatal.
    const mixed = await assembleVolumes([...read(chest, readdirSync(chest).sort().slice(0, 3)), ...emri]);
    expect(mixed).toHaveLength(1);
    expect(mixed[0]!.warnings.some((w) => w.startsWith('some images of the series form no volume'))).toBe(true);
  });

  it('leaves a truncated file out with its error code, and refuses when nothing else is readable', async () => {
    const broken = read(sharedData('conformance', 'pydicom'), ['MR_truncated.dcm']);
    await expect(assembleVolumes(broken)).rejects.toMatchObject({ code: 'TRUNCATED' });
    const mixed = await assembleVolumes([...read(chest, readdirSync(chest).sort().slice(0, 3)), ...broken]);
    expect(mixed).toHaveLength(1);
    expect(mixed[0]!.dimensions[2]).toBe(3);
    expect(mixed[0]!.warnings.some((w) => w.startsWith('a file could not be read and was left out (TRUNCATED:'))).toBe(true);
  });

  it('leaves presentation states and other non-image objects out, and says so', async () => {
    const dir = sharedData('mr-brain-dwi-philips');
    const names = readdirSync(dir).filter((n) => n.startsWith('IM_')).sort().slice(0, 32).concat(['PS_0545', 'XX_0546']);
    const volumes = await assembleVolumes(read(dir, names));
    expect(volumes.length).toBeGreaterThan(0);
    expect(volumes[0]!.warnings.some((w) => /2 file\(s\) without image data/.test(w))).toBe(true);
  });

  it.skipIf(!existsSync('/usr/bin/dcmodify'))('reads Philips diffusion from its private tags when the standard ones are gone', async () => {
    // dcmtk's dcmodify strips the standard MR diffusion attributes from real Philips files; the
    // b-values and directions must then come from (2001,xx03) and (2005,xxB0..B2) unchanged.
    const dir = sharedData('mr-brain-dwi-philips');
    const names = readdirSync(dir).filter((n) => n.startsWith('IM_')).sort().slice(0, 96);
    const temp = makeTempDir('yingdu-philips-private-');
    try {
      const copies = names.map((n) => path.join(temp.dir, n));
      names.forEach((n, i) => copyFileSync(path.join(dir, n), copies[i] as string));
      execFileSync('/usr/bin/dcmodify', ['-nb', '-ie', '-e', '(0018,9087)', '-e', '(0018,9089)', ...copies]);
      const stripped = read(temp.dir, names);
      expect(numbers(readDataset(stripped[0]!).dict, '00189087')).toEqual([]);
      const standard = await assembleVolumes(read(dir, names));
      const fromPrivate = await assembleVolumes(stripped);
      expect(fromPrivate.map((v) => v.label)).toEqual(standard.map((v) => v.label));
      expect(standard.length).toBeGreaterThan(3);
      expect(standard.some((v) => /^b=1000 dir \d+$/.test(v.label))).toBe(true);
    } finally {
      temp.remove();
    }
  });

  it('reads the same frame headers through the element scanner as through dcmjs', () => {
    const files = [
      path.join(chest, readdirSync(chest).sort()[0]!),
      sharedData('mr-brain-dwi-philips', 'IM_0300'),
      sharedData('conformance', 'pydicom', 'eCT_Supplemental.dcm'),
      sharedData('ct-head-gantry-tilt', '01.dcm'),
    ];
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const scanned = scanDataset(bytes);
      expect(scanned, file).not.toBeNull();
      expect(readFrameHeaders(scanned!, 0)).toEqual(readFrameHeaders(readDatasetWithDcmjs(bytes), 0));
    }
  });

  it('builds the same volume from implicit VR and big endian encodings (the dcmjs path) as from explicit VR', async () => {
    const dir = sharedData('conformance', 'pydicom');
    const [explicit] = await assembleVolumes(read(dir, ['MR_small.dcm']));
    for (const other of ['MR_small_implicit.dcm', 'MR_small_bigendian.dcm']) {
      expect(scanDataset(read(dir, [other])[0]!)).toBeNull();
      const [v] = await assembleVolumes(read(dir, [other]));
      expect(v!.origin).toEqual(explicit!.origin);
      expect(v!.direction).toEqual(explicit!.direction);
      expect(Array.from(v!.voxels)).toEqual(Array.from(explicit!.voxels));
    }
  });
});
