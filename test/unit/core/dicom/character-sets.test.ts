// ISO 2022 code extensions that pydicom's corpus does not cover (PS3.3 C.12.1.1.2, PS3.5 Annex
// K for GB 2312 via ISO 2022 IR 58). Expected strings come from Python's codecs for the same bytes.
import { describe, expect, it } from 'vitest';
import { characterSet } from '../../../../electron/core/dicom/character-sets';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const ESC = 0x1b;

describe('characterSet', () => {
  it('decodes GB 2312 designated to G1 with ISO 2022 IR 58, per PN component group', () => {
    const cs = characterSet(['', 'ISO 2022 IR 58']);
    const value = bytes('Wang^XiaoDong=', [ESC, 0x24, 0x29, 0x41, 0xcd, 0xf5], '^', [ESC, 0x24, 0x29, 0x41, 0xd0, 0xa1, 0xb6, 0xab], '=');
    expect(cs.decode(value, true)).toEqual(['Wang^XiaoDong=王^小东=']);
  });

  it('decodes JIS X 0212 (ISO 2022 IR 159) and switches back to ASCII', () => {
    const cs = characterSet(['', 'ISO 2022 IR 87', 'ISO 2022 IR 159']);
    // Python: '丂ÿ'.encode('iso2022_jp_2') → ESC $ ( D 30 21 ESC ( B ESC $ ( D 2B 73 ESC ( B
    const value = bytes([ESC, 0x24, 0x28, 0x44, 0x30, 0x21, ESC, 0x28, 0x42, ESC, 0x24, 0x28, 0x44, 0x2b, 0x73, ESC, 0x28, 0x42], 'x');
    expect(cs.decode(value, true)).toEqual(['丂ÿx']);
  });

  it('decodes an ISO 8859 part invoked by escape (ISO 2022 IR 126, Greek)', () => {
    const cs = characterSet(['ISO 2022 IR 6', 'ISO 2022 IR 126']);
    const value = bytes('Dr ', [ESC, 0x2d, 0x46, 0xd9, 0xec, 0xdd, 0xe3, 0xe1]);
    expect(cs.decode(value, true)).toEqual(['Dr Ωμέγα']);
  });

  it('resets to the initial code element at each value separator', () => {
    // A JIS X 0208 run left open before "\" must not swallow the next value (PS3.5 6.1.2.5.3).
    const cs = characterSet(['', 'ISO 2022 IR 87']);
    const value = bytes([ESC, 0x24, 0x42, 0x3b, 0x33, 0x45, 0x44, ESC, 0x28, 0x42], '\\abc');
    expect(cs.decode(value, true)).toEqual(['山田', 'abc']);
  });

  it('keeps "\\" as text in single-valued VRs and reads unknown terms as ISO 8859-1', () => {
    expect(characterSet(['ISO_IR 100']).decode(bytes('a\\b'), false)).toEqual(['a\\b']);
    expect(characterSet(['NOT A CHARSET']).decode(bytes([0x4a, 0xe9]), true)).toEqual(['Jé']);
  });

  it('decodes UTF-8 (ISO_IR 192) and splits multiple values after decoding', () => {
    const cs = characterSet(['ISO_IR 192']);
    expect(cs.decode(new Uint8Array(Buffer.from('王^小東\\张^伟', 'utf8')), true)).toEqual(['王^小東', '张^伟']);
  });
});
