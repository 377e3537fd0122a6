// `yingdu dicom`: the bundled CLI checks files with the parse worker pool (dist/workers).
import { describe, expect, it } from 'vitest';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../support/shared-data';
import { runYingdu } from './cli-support';

const file = (name: string) => sharedData('conformance', 'pydicom', name);

describe.skipIf(!HAS_SHARED)(`yingdu dicom (${HAS_SHARED ? 'pydicom corpus' : SHARED_MISSING_REASON})`, () => {
  it('reports each file: OK lines on stdout, rejections as "error CODE" on stderr, exit 1', () => {
    const run = runYingdu(['dicom', file('CT_small.dcm'), file('MR_truncated.dcm'), file('ExplVR_BigEndNoMeta.dcm')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('CT_small.dcm: OK CT CT, 128×128, Explicit VR Little Endian');
    expect(run.stdout).toContain('ExplVR_BigEndNoMeta.dcm: OK RT Ion Plan RTPLAN, Explicit VR Big Endian (retired) (inferred)');
    expect(run.stderr).toMatch(/^error TRUNCATED: .*MR_truncated\.dcm: The file ends 8,130 bytes into the pixel data/m);
  });

  it('prints one JSON document with --json and exits 0 when every file is accepted', () => {
    const run = runYingdu(['dicom', '--json', file('liver.dcm'), file('test-SR.dcm')]);
    expect(run.status).toBe(0);
    const results = JSON.parse(run.stdout) as Array<{ ok: boolean; sopClass: { kind: string }; hasPixelData: boolean; sha256: string }>;
    expect(results.map((r) => [r.ok, r.sopClass.kind, r.hasPixelData])).toEqual([
      [true, 'seg', true],
      [true, 'sr', false],
    ]);
    expect(results[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
