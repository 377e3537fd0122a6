// `yingdu volume` and `yingdu export-nifti` end to end: real import into a real data folder
// (SQLite + managed store), then the commands read the series back by its UID.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../electron/cli/cli-io';
import { runCli } from '../../../../electron/cli/yingdu';
import { niftiAffine } from '../../../../electron/core/nifti/nifti-affine';
import { decodeNifti } from '../../../../electron/core/nifti/nifti-reader';
import { readDataset, text } from '../../../../electron/core/volumes/dicom-dataset';
import { summarizeVolume } from '../../../../electron/core/volumes/volume-summary';
import { assembleVolumes } from '../../../../electron/core/volumes/volume-assembly';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';
import { runYingdu } from '../../cli/cli-support';
import { makeTempDir } from '../../../support/temp-dir';

function capture(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

async function cli(...argv: string[]) {
  const io = capture();
  const code = await runCli(argv, io, new Promise(() => {}));
  return { code, out: io.out, err: io.err };
}

describe.skipIf(!HAS_SHARED)(`yingdu volume / export-nifti ${HAS_SHARED ? '' : SHARED_MISSING_REASON}`, () => {
  const temp = makeTempDir('yingdu-volume-cli-');
  const data = path.join(temp.dir, 'data');
  const seriesDir = sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B70f');
  const files = readdirSync(seriesDir).map((f) => new Uint8Array(readFileSync(path.join(seriesDir, f))));
  const seriesUID = text(readDataset(files[0] as Uint8Array).dict, '0020000E');

  beforeAll(async () => {
    const imported = await cli('import', seriesDir, '--data', data, '--json');
    expect(imported.code, imported.err).toBe(0);
  });
  afterAll(() => temp.remove());

  it('volume --json prints the grid of the stored series, equal to assembling its files directly', async () => {
    const { code, out, err } = await cli('volume', seriesUID, '--data', data, '--json');
    expect(code, err).toBe(0);
    const printed = JSON.parse(out) as { volumes: Array<Record<string, unknown>> };
    expect(printed.volumes).toHaveLength(1);
    const v = printed.volumes[0] as Record<string, unknown>;
    expect(v.dimensions).toEqual([512, 512, 30]);
    expect((v.direction as number[]).length).toBe(9);
    expect(v.dtype).toBe('uint16');
    expect(v.warnings).toEqual([]);
    const direct = summarizeVolume((await assembleVolumes(files))[0]!);
    expect(v).toEqual(JSON.parse(JSON.stringify(direct)));
  });

  it('export-nifti writes a gzip NIfTI whose voxels and sform are the volume, rows flipped as dcm2niix', async () => {
    const out = path.join(temp.dir, 'chest.nii.gz');
    const { code, err } = await cli('export-nifti', seriesUID, out, '--data', data);
    expect(code, err).toBe(0);
    const bytes = new Uint8Array(readFileSync(out));
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(existsSync(path.join(temp.dir, 'chest.bval'))).toBe(false);
    const nifti = decodeNifti(bytes);
    const volume = (await assembleVolumes(files))[0]!;
    expect(nifti.dims.slice(0, 4)).toEqual([3, 512, 512, 30]);
    expect(nifti.sclInter).toBe(volume.rescaleIntercept);
    const affine = niftiAffine(volume);
    for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) {
      expect(nifti.sform[r]![c]).toBeCloseTo(affine[r]![c]!, 3);
      expect(nifti.qform[r]![c]).toBeCloseTo(affine[r]![c]!, 3);
    }
    const [ni, nj, nk] = volume.dimensions;
    let differing = 0;
    for (let k = 0; k < nk; k++)
      for (let j = 0; j < nj; j++)
        for (let i = 0; i < ni; i++)
          if (nifti.voxels[(k * nj + j) * ni + i] !== volume.voxels[(k * nj + (nj - 1 - j)) * ni + i]) differing++;
    expect(differing).toBe(0);
  });

  it('names the problem when the series is unknown or the volume number does not exist', async () => {
    const unknown = await cli('volume', '1.2.3.999', '--data', data, '--json');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^error NOT_FOUND: .*import it first/);
    const badIndex = await cli('export-nifti', seriesUID, path.join(temp.dir, 'x.nii'), '--volume', '3', '--data', data);
    expect(badIndex.code).toBe(1);
    expect(badIndex.err).toMatch(/^error INVALID_ARGUMENT: The series has 1 volume\(s\)/);
    const badName = await cli('export-nifti', seriesUID, path.join(temp.dir, 'x.img'), '--data', data);
    expect(badName.code).toBe(2);
  });

  it('the bundled CLI assembles in the bundled worker (dist/workers/volume-assembly.cjs) with the same result', async () => {
    const run = runYingdu(['volume', seriesUID, '--data', data, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as { volumes: unknown[] };
    const direct = summarizeVolume((await assembleVolumes(files))[0]!);
    expect(printed.volumes).toEqual([JSON.parse(JSON.stringify(direct))]);
  });
});
