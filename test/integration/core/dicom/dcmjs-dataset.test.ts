// readValidatedDataset: dcmjs behind the validating parser. The raw dcmjs results here are the
// reason the wrapper exists: it reads truncated files silently and needs a meta header.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readValidatedDataset } from '../../../../electron/core/dicom/dcmjs-dataset';
import { buildDicomFile, identityElements, nestedSequences } from '../../../support/dicom-file-builder';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';

interface RawDcmjs {
  data: { DicomMessage: { readFile(buffer: ArrayBuffer): { dict: Record<string, unknown> } } };
  log: { setLevel(level: string): void };
}
const dcmjs = createRequire(import.meta.url)('dcmjs') as RawDcmjs;
const arrayBuffer = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const pydicomFile = (name: string) => readFileSync(sharedData('conformance', 'pydicom', name));
const codeOf = (bytes: Uint8Array) => {
  try {
    readValidatedDataset(bytes);
    return 'accepted';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};

describe('readValidatedDataset', () => {
  it('rejects 10,000 nested sequences before dcmjs sees them', () => {
    // Raw dcmjs 0.51.1 is quadratic in nesting depth: 1,000 levels took 3.3 s here and 3,000
    // overflowed the stack after 17 s (measured with tsx; too slow to repeat in CI).
    const deep = buildDicomFile({ elements: [...identityElements(), nestedSequences(10_000)] });
    expect(codeOf(deep)).toBe('NESTING_TOO_DEEP');
  });

  describe.skipIf(!HAS_SHARED)(`on pydicom's corpus (${HAS_SHARED ? 'real files' : SHARED_MISSING_REASON})`, () => {
    it('rejects truncated files that dcmjs reads silently', () => {
      const truncated = pydicomFile('MR_truncated.dcm');
      expect(Object.keys(dcmjs.data.DicomMessage.readFile(arrayBuffer(truncated)).dict).length).toBeGreaterThan(0);
      expect(codeOf(truncated)).toBe('TRUNCATED');
      expect(codeOf(pydicomFile('emri_small_jpeg_2k_lossless_too_short.dcm'))).toBe('TRUNCATED');
    });

    it('reads files without meta header, and deflated ones, through dcmjs', () => {
      for (const name of ['ExplVR_LitEndNoMeta.dcm', 'ExplVR_BigEndNoMeta.dcm', 'image_dfl.dcm']) {
        const { instance, dict, meta } = readValidatedDataset(pydicomFile(name));
        expect((dict['00080016']?.Value ?? [])[0]).toBe(instance.sopClassUID);
        expect((dict['00080018']?.Value ?? [])[0]).toBe(instance.sopInstanceUID);
        // A deflated dataset reaches dcmjs inflated, so its new meta header says Explicit VR Little Endian.
        expect(meta['00020010']?.Value?.[0]).toBe(name === 'image_dfl.dcm' ? '1.2.840.10008.1.2.1' : instance.transferSyntaxUID);
      }
    });

    it('gives SEG segment sequences and SR content to callers that need every element', () => {
      const seg = readValidatedDataset(readFileSync(sharedData('conformance', 'dcmqi', 'sr-example', 'seg.dcm')));
      expect(seg.instance.sopClassUID).toBe('1.2.840.10008.5.1.4.1.1.66.4');
      expect((seg.dict['00620002']?.Value ?? []).length).toBeGreaterThan(0); // Segment Sequence
      const sr = readValidatedDataset(readFileSync(sharedData('conformance', 'dcmqi', 'sr-example', 'sr.dcm')));
      expect((sr.dict['0040A730']?.Value ?? []).length).toBeGreaterThan(0); // Content Sequence
    });
  });
});
