// Explicit VR big endian input (retired, PS3.5 A.3) is de-identified into explicit VR little
// endian: pydicom's corpus holds the same images in both byte orders, so the de-identified pixels
// of the big endian file must equal those of its little endian twin, as pydicom decodes them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deidentifyPath } from '../../../../electron/core/deidentify/deidentify-files';
import { readValidatedDataset } from '../../../../electron/core/dicom/dcmjs-dataset';
import { dciodvfy } from '../../../support/dicom-reference-tools';
import { pydicomPython, runPydicomJson } from '../../../support/pydicom';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';

/** Pairs of the same image in big and little endian, in pydicom's test corpus. */
const TWINS = [
  { big: 'MR_small_bigendian.dcm', little: 'MR_small.dcm' },
  { big: 'SC_rgb_expb_16bit.dcm', little: 'SC_rgb_16bit.dcm' },
  { big: 'SC_rgb_expb_32bit_2frame.dcm', little: 'SC_rgb_32bit_2frame.dcm' },
];

const PIXEL_DIGEST = `
import hashlib, json, sys, pydicom
out = {}
for f in sys.argv[1:]:
    ds = pydicom.dcmread(f)
    arr = ds.pixel_array
    out[f] = {"ts": str(ds.file_meta.TransferSyntaxUID), "shape": list(arr.shape), "dtype": str(arr.dtype),
              "sha": hashlib.sha256(arr.astype(arr.dtype.newbyteorder("<")).tobytes()).hexdigest()}
print(json.dumps(out))
`;

describe.skipIf(!HAS_SHARED || !pydicomPython())(`big endian de-identification${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'yingdu-deid-be-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  for (const twin of TWINS) {
    it(`writes ${twin.big} as little endian with the pixels of ${twin.little}`, async () => {
      const corpus = (name: string) => sharedData('conformance', 'pydicom', name);
      const [big] = await deidentifyPath(corpus(twin.big), path.join(work, twin.big));
      const [little] = await deidentifyPath(corpus(twin.little), path.join(work, twin.little));
      expect(big?.skipped).toBeUndefined();
      const bigOut = big?.output as string;
      const littleOut = little?.output as string;
      expect(readValidatedDataset(readFileSync(bigOut)).instance.transferSyntaxUID).toBe('1.2.840.10008.1.2.1');

      const decoded = runPydicomJson<Record<string, { ts: string; shape: number[]; dtype: string; sha: string }>>(PIXEL_DIGEST, [bigOut, littleOut, corpus(twin.big)]);
      expect(decoded[bigOut]?.ts).toBe('1.2.840.10008.1.2.1');
      expect(decoded[bigOut]?.shape).toEqual(decoded[littleOut]?.shape);
      expect(decoded[bigOut]?.sha).toBe(decoded[littleOut]?.sha);
      // The original big endian file decodes to the same image: the twins really are twins.
      expect(decoded[corpus(twin.big)]?.sha).toBe(decoded[littleOut]?.sha);

      const errorsOf = (file: string) => new Set(dciodvfy(file).errors.map((e) => e.replace(/\[\d+\]/g, '').replace(/= <[^>]*>/g, '= <>')));
      const before = errorsOf(corpus(twin.big));
      expect([...errorsOf(bigOut)].filter((e) => !before.has(e))).toEqual([]);
    });
  }
});
