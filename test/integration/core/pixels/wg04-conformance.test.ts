// NEMA WG04 compression test set: every lossless encoding must decode to exactly the values of
// the uncompressed reference (REF/, read by pydicom); lossy ones are held to the codec's own
// bound (JPEG-LS NEAR: max |ours − REF| ≤ NEAR from the SOS segment) and must equal an independent
// decoder of the same codestream exactly (gdcm/OpenJPEG for JPEG 2000, dcmtk's dcmdjpeg/IJG for
// JPEG extended), with a PSNR above 30 dB against REF as a check that it is the right image. Images above ~3 Mpx (RG1, RG2, SC1, MG1, VL4, VL5) are
// left out to keep the suite within its time budget; RG3 (1760², 10-bit MONOCHROME1) stays.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPixels } from '../../../../electron/core/pixels/read-pixels';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';
import { compare, type ReferencePixels, type ReferenceRequest, referenceDecode, referencePython } from './reference-decoders';

const IMAGES = ['CT1', 'CT2', 'MR1', 'MR2', 'MR3', 'MR4', 'NM1', 'RG3', 'US1', 'VL1', 'VL2', 'VL3', 'VL6', 'XA1'];
const LOSSLESS = ['J2KR', 'JLSL', 'JPLL', 'RLE'] as const;
const python = referencePython();
const wg04 = (folder: string, name: string) => sharedData('conformance', 'wg04', folder, name);
const present = (folder: string, suffix: string) => IMAGES.map((i) => `${i}_${suffix}`).filter((n) => existsSync(wg04(folder, n)));

/** NEAR of a JPEG-LS codestream: the byte after the component list of its SOS (ITU-T T.87 C.2.3). */
function jpegLsNear(file: Uint8Array): number {
  for (let i = 0; i + 1 < file.length; i++) {
    if (file[i] === 0xff && file[i + 1] === 0xda) return file[i + 4 + 1 + 2 * (file[i + 4] as number)] as number;
  }
  throw new Error('no SOS marker');
}

describe.skipIf(!HAS_SHARED || !python)(`WG04 conformance ${HAS_SHARED ? (python ? '' : '(pydicom missing)') : SHARED_MISSING_REASON}`, () => {
  const temp = makeTempDir('yingdu-wg04-');
  let references: Map<string, ReferencePixels>;

  beforeAll(() => {
    const requests: ReferenceRequest[] = [
      ...present('REF', 'UNC').map((n) => ({ file: wg04('REF', n), tool: 'pydicom' as const })),
      ...present('J2KI', 'J2KI').map((n) => ({ file: wg04('J2KI', n), tool: 'gdcm' as const })),
      ...present('JPLY', 'JPLY').map((n) => ({ file: wg04('JPLY', n), tool: 'dcmdjpeg' as const })),
    ];
    references = referenceDecode(python as string, requests, temp.dir);
  });
  afterAll(() => temp.remove());

  for (const variant of LOSSLESS) {
    it.each(present(variant, variant))(`${variant} %s equals REF pixel for pixel`, async (name) => {
      const reference = references.get(wg04('REF', name.replace(variant, 'UNC'))) as ReferencePixels;
      const ours = await readPixels(readFileSync(wg04(variant, name)));
      expect([ours.rows, ours.columns]).toEqual(reference.shape.slice(0, 2));
      expect(ours.photometricInterpretation).toBe(reference.photometric);
      expect(compare(ours.data, reference.values, 1).mismatches).toBe(0);
    });
  }

  it.each(present('JLSN', 'JLSN'))('JLSN %s stays within the NEAR bound of its codestream', async (name) => {
    const file = readFileSync(wg04('JLSN', name));
    const near = jpegLsNear(file);
    const reference = references.get(wg04('REF', name.replace('JLSN', 'UNC'))) as ReferencePixels;
    const ours = await readPixels(file);
    const diff = compare(ours.data, reference.values, 2 ** ours.bitsStored - 1);
    expect(near).toBeGreaterThan(0);
    expect(diff.maxAbs).toBeLessThanOrEqual(near);
    expect(diff.mismatches).toBeGreaterThan(0);
  });

  for (const [lossy, decoder] of [
    ['J2KI', 'gdcm (OpenJPEG)'],
    ['JPLY', 'dcmdjpeg (IJG)'],
  ] as const) {
    it.each(present(lossy, lossy))(`${lossy} %s equals ${decoder} and is above 30 dB against REF`, async (name) => {
      const ours = await readPixels(readFileSync(wg04(lossy, name)));
      const peak = 2 ** ours.bitsStored - 1;
      const independent = references.get(wg04(lossy, name)) as ReferencePixels;
      expect(compare(ours.data, independent.values, peak).maxAbs).toBe(0);
      const ref = references.get(wg04('REF', name.replace(lossy, 'UNC')));
      if (ref) expect(compare(ours.data, ref.values, peak).psnr).toBeGreaterThan(30);
    });
  }
});
