// `yingdu pixels` through the real bundle (dist/cli.cjs, built by the global setup): the raw file
// must hold exactly the values readPixels returns, little endian, and --json exactly one document.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPixels } from '../../../../electron/core/pixels/read-pixels';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';
import { runYingdu } from '../../cli/cli-support';

const SUMMARY_KEYS = ['rows', 'columns', 'frames', 'samplesPerPixel', 'dtype', 'photometricInterpretation'];

describe.skipIf(!HAS_SHARED)(`yingdu pixels ${HAS_SHARED ? '' : SHARED_MISSING_REASON}`, () => {
  const temp = makeTempDir('yingdu-pixels-cli-');
  afterAll(() => temp.remove());

  it('writes one JPEG-LS frame after the modality LUT, equal to readPixels', async () => {
    const file = sharedData('conformance', 'pydicom', 'emri_small_jpeg_ls_lossless.dcm');
    const out = path.join(temp.dir, 'frame3.raw');
    const run = runYingdu(['pixels', file, '--frame', '3', '--modality', '--out', out, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(SUMMARY_KEYS));
    const ours = await readPixels(readFileSync(file), { frame: 3, modalityLut: true });
    expect(summary).toMatchObject({ rows: 64, columns: 64, frames: 1, samplesPerPixel: 1, dtype: ours.dtype, photometricInterpretation: 'MONOCHROME2' });
    const raw = readFileSync(out);
    expect(Buffer.compare(raw, Buffer.from(ours.data.buffer, ours.data.byteOffset, ours.data.byteLength))).toBe(0);
  });

  it('writes all frames of colour data interleaved as RGB', () => {
    const file = sharedData('conformance', 'pydicom', 'SC_rgb_rle_2frame.dcm');
    const out = path.join(temp.dir, 'rgb.raw');
    const run = runYingdu(['pixels', file, '--out', out, '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: 100, columns: 100, frames: 2, samplesPerPixel: 3, dtype: 'uint8', photometricInterpretation: 'RGB' });
    expect(readFileSync(out).length).toBe(100 * 100 * 3 * 2);
  });

  it('reports a truncated file as `error TRUNCATED` with a non-zero exit and writes nothing', () => {
    const out = path.join(temp.dir, 'truncated.raw');
    const run = runYingdu(['pixels', sharedData('conformance', 'pydicom', 'MR_truncated.dcm'), '--out', out]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/^error TRUNCATED: /);
    expect(() => readFileSync(out)).toThrow();
  });
});
