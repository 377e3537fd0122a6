// Specific Character Set decoding checked against pydicom, the reference: every file of
// pydicom's own charset corpus (ISO 8859 parts, UTF-8, GB18030, ISO 2022 Japanese / Korean with
// escape sequences, per-item charsets in sequences), plus GB18030 and GBK files written here.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../../../../electron/core/dicom/parse-dicom';
import { readTextElements } from '../../../../electron/core/dicom/text-elements';
import { buildDicomFile, identityElements, tag } from '../../../support/dicom-file-builder';
import { pydicomPython, runPydicomJson } from '../../../support/pydicom';
import { makeTempDir } from '../../../support/temp-dir';

const CHARSET_DIR = '/usr/lib/python3/dist-packages/pydicom/data/charset_files';
const python = pydicomPython();

/** For each file: every text element in file order as [tag, VR, values], as pydicom decodes them. */
const PYDICOM_TEXT = `
import json, sys, pydicom
pydicom.config.replace_un_with_known_vr = False
result = {}
for f in sys.argv[1:]:
    ds = pydicom.dcmread(f)
    out = []
    for el in ds.iterall():
        if el.VR in ('PN', 'LO', 'SH', 'ST', 'LT', 'UT', 'UC'):
            v = el.value
            values = [str(x) for x in v] if el.VM > 1 else ['' if v is None else str(v)]
            out.append(['%08x' % el.tag, el.VR, values])
    result[f] = out
print(json.dumps(result, ensure_ascii=False))
`;

type Reference = Record<string, Array<[string, string, string[]]>>;

/** Our decoding in pydicom's shape; PS3.5 §6.2.1.1 lets trailing empty PN component groups go. */
function ours(bytes: Uint8Array): Array<[string, string, string[]]> {
  return readTextElements(bytes).map((e) => [
    e.tag.toString(16).padStart(8, '0'),
    e.vr,
    e.vr === 'PN' ? e.values.map((v) => v.replace(/=+$/, '')) : e.values,
  ]);
}

describe.skipIf(!python)('Specific Character Set decoding matches pydicom', () => {
  const files = python ? readdirSync(CHARSET_DIR).filter((f) => f.endsWith('.dcm')).map((f) => path.join(CHARSET_DIR, f)) : [];
  const reference = python ? runPydicomJson<Reference>(PYDICOM_TEXT, files) : {};

  it('covers the whole pydicom charset corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(17);
  });

  it.each(files.map((f) => [path.basename(f), f]))('%s decodes to the same strings as pydicom', (_name, file) => {
    const expected = reference[file]!;
    expect(expected.length).toBeGreaterThan(0);
    expect(ours(readFileSync(file))).toEqual(expected);
  });

  it('gives the patient names a Chinese reader expects', () => {
    const name = (file: string) => parseDicom(readFileSync(path.join(CHARSET_DIR, file))).patientName;
    expect(name('chrX1.dcm')).toEqual({ display: '王小東 (Wang XiaoDong)', alphabetic: 'Wang^XiaoDong', ideographic: '王^小東', phonetic: '' });
    expect(name('chrX2.dcm').display).toBe('王小东 (Wang XiaoDong)');
    expect(name('chrH31.dcm')).toEqual({ display: '山田太郎 (Yamada Tarou)', alphabetic: 'Yamada^Tarou', ideographic: '山田^太郎', phonetic: 'やまだ^たろう' });
    expect(name('chrI2.dcm').display).toBe('洪吉洞 (Hong Gildong)');
    expect(name('chrFren.dcm').display).toBe('Buc Jérôme');
    expect(name('chrJapMulti.dcm').display).toBe('やまだ たろう');
  });

  describe('GB18030 and GBK files written here', () => {
    const temp = makeTempDir('yingdu-charset-');
    afterAll(() => temp.remove());
    // Bytes from Python's codecs: '王^小东' in GB18030/GBK; U+20000 (𠀀) is a GB18030 four-byte
    // sequence; 乗 and 俓 are GBK characters whose second byte is 0x5C, the DICOM value separator.
    const wang = [0xcd, 0xf5, 0x5e, 0xd0, 0xa1, 0xb6, 0xab];
    const fourByte = [0x95, 0x32, 0x82, 0x36];
    const backslashTrail = [0x81, 0x5c, 0x5c, 0x82, 0x5c];
    const zhang = [0xd5, 0xc5, 0x5e, 0xce, 0xb0];
    const pad = (bytes: number[]) => Buffer.from(bytes.length % 2 === 0 ? bytes : [...bytes, 0x20]);
    const write = (charset: string, name: number[], otherIds: number[], description: number[]) => {
      const file = path.join(temp.dir, `${charset}.dcm`);
      const bytes = buildDicomFile({
        elements: [
          ...identityElements(),
          { tag: tag(0x0008, 0x0005), vr: 'CS', value: charset },
          { tag: tag(0x0008, 0x1030), vr: 'LO', value: pad(description) },
          { tag: tag(0x0010, 0x0010), vr: 'PN', value: pad([...Buffer.from('Wang^XiaoDong=', 'latin1'), ...name]) },
          { tag: tag(0x0010, 0x1000), vr: 'LO', value: pad(otherIds) },
          { tag: tag(0x0010, 0x1001), vr: 'PN', value: pad([...zhang, 0x5c, ...name]) },
        ],
      });
      writeFileSync(file, bytes);
      return file;
    };
    const gb18030 = python ? write('GB18030', wang, backslashTrail, [...Buffer.from('CT ', 'latin1'), ...fourByte]) : '';
    const gbk = python ? write('GBK', wang, backslashTrail, [...Buffer.from('CT ', 'latin1'), 0xd0, 0xd8]) : '';
    const generated = python ? runPydicomJson<Reference>(PYDICOM_TEXT, [gb18030, gbk]) : {};
    // pydicom 2.3 splits values on every 0x5C byte before decoding, so it garbles (0010,1000) whose
    // characters end in 0x5C; PS3.5 §6.1.2.3 allows that trail byte in GB18030 and GBK. That one
    // element is checked against the characters Python's own codecs give; the rest against pydicom.
    const withoutTrail = (elements: Array<[string, string, string[]]>) => elements.filter(([t]) => t !== '00101000');

    it('decodes GB18030, including four-byte sequences, as pydicom does', () => {
      const parsed = parseDicom(readFileSync(gb18030));
      expect(parsed.specificCharacterSet).toEqual(['GB18030']);
      expect(parsed.patientName.display).toBe('王小东 (Wang XiaoDong)');
      expect(parsed.studyDescription).toBe('CT 𠀀');
      const elements = ours(readFileSync(gb18030));
      expect(elements.find(([t]) => t === '00101000')?.[2]).toEqual(['乗', '俓']);
      expect(elements.find(([t]) => t === '00101001')?.[2]).toEqual(['张^伟', '王^小东']);
      expect(withoutTrail(elements)).toEqual(withoutTrail(generated[gb18030]!));
    });

    it('decodes GBK without splitting values at a 0x5C trail byte, as pydicom does', () => {
      const elements = ours(readFileSync(gbk));
      expect(elements.find(([t]) => t === '00101000')?.[2]).toEqual(['乗', '俓']);
      expect(parseDicom(readFileSync(gbk)).studyDescription).toBe('CT 胸');
      expect(withoutTrail(elements)).toEqual(withoutTrail(generated[gbk]!));
    });
  });
});
