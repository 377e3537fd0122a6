// Modality LUT and VOI data (PS3.3 C.11.1, C.11.2) as pydicom reads them from the same files:
// window presets with explanations, VOI LUT Sequence tables, rescale to float where the slope is
// fractional and to int16 where CT values fit.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPixels } from '../../../../electron/core/pixels/read-pixels';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';
import { compare, referenceDecode, referencePython } from './reference-decoders';

const python = referencePython();
const corpus = (name: string) => sharedData('conformance', 'pydicom', name);
const wg04Ref = (name: string) => sharedData('conformance', 'wg04', 'REF', name);

const DUMP = `
import json, sys, pydicom
out = {}
for path in sys.argv[1:]:
    ds = pydicom.dcmread(path, stop_before_pixels=True)
    as_list = lambda v: [float(x) for x in (v if isinstance(v, pydicom.multival.MultiValue) else [v])] if v is not None else []
    expl = ds.get('WindowCenterWidthExplanation')
    expl = [] if expl is None else ([str(expl)] if isinstance(expl, str) else [str(e) for e in expl])
    luts = [{'descriptor': [int(d) for d in item.LUTDescriptor], 'data': [int(v) for v in item.LUTData], 'explanation': str(item.get('LUTExplanation', ''))} for item in ds.get('VOILUTSequence', [])]
    out[path] = {'centers': as_list(ds.get('WindowCenter')), 'widths': as_list(ds.get('WindowWidth')), 'explanations': expl, 'voi': luts}
print(json.dumps(out))
`;

interface Dumped {
  centers: number[];
  widths: number[];
  explanations: string[];
  voi: { descriptor: number[]; data: number[]; explanation: string }[];
}

describe.skipIf(!HAS_SHARED || !python)(`modality and VOI data ${HAS_SHARED ? '' : SHARED_MISSING_REASON}`, () => {
  const files = [corpus('MR-SIEMENS-DICOM-WithOverlays.dcm'), corpus('bad_sequence.dcm'), corpus('vlut_04.dcm'), wg04Ref('CT2_UNC')];
  let dumped: Record<string, Dumped>;

  beforeAll(() => {
    dumped = JSON.parse(execFileSync(python as string, ['-W', 'ignore', '-c', DUMP, ...files], { encoding: 'utf8' })) as Record<string, Dumped>;
  });

  it.each(files.filter((f) => !f.endsWith('vlut_04.dcm')))('window presets of %s match pydicom', async (file) => {
    const ours = await readPixels(readFileSync(file), { frame: 0 });
    const expected = dumped[file] as Dumped;
    expect(expected.centers.length).toBeGreaterThan(0);
    expect(ours.windows).toEqual(expected.centers.map((center, i) => ({ center, width: expected.widths[i], explanation: expected.explanations[i] ?? '' })));
  });

  it('exposes the VOI LUT Sequence of vlut_04.dcm as pydicom reads it', async () => {
    const ours = await readPixels(readFileSync(corpus('vlut_04.dcm')));
    const expected = (dumped[corpus('vlut_04.dcm')] as Dumped).voi;
    expect(ours.voiLut?.length).toBe(expected.length);
    ours.voiLut?.forEach((lut, i) => {
      const want = expected[i] as Dumped['voi'][number];
      expect(lut.firstMapped).toBe(want.descriptor[1]);
      expect(lut.bitsPerEntry).toBe(want.descriptor[2]);
      expect(lut.explanation).toBe(want.explanation);
      expect(Array.from(lut.entries)).toEqual(want.data.slice(0, lut.entries.length));
    });
  });

  it('rescales a fractional slope to float32 and CT to int16, equal to pydicom apply_modality_lut', async () => {
    const temp = makeTempDir('yingdu-modality-');
    try {
      const mr = wg04Ref('MR2_UNC');
      const refs = referenceDecode(python as string, [{ file: mr, tool: 'pydicom', modality: true }], temp.dir);
      const ours = await readPixels(readFileSync(mr), { modalityLut: true });
      expect(ours.dtype).toBe('float32');
      expect(ours.modalityLutApplied).toBe(true);
      const reference = refs.get(`${mr}#modality`)?.values as Float64Array;
      // float32 keeps 24 significant bits: allow half a unit in the last place of the largest value.
      const largest = reference.reduce((a, b) => Math.max(a, Math.abs(b)), 0);
      expect(largest).toBeGreaterThan(1000);
      expect(compare(ours.data, reference, 1).maxAbs).toBeLessThanOrEqual(largest * 2 ** -24);
      const ct = await readPixels(readFileSync(corpus('CT_small.dcm')), { modalityLut: true });
      expect(ct.dtype).toBe('int16');
      expect(ct.rescale.intercept).toBe(-1024);
    } finally {
      temp.remove();
    }
  });
});
