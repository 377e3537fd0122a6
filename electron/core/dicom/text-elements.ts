// Every text element of a file, decoded with the Specific Character Set in force where it
// appears: a sequence item may declare its own (PS3.5 §6.1.2.4 Note), which then holds for that
// item and the items nested in it. Used by de-identification listings and the charset tests.
import type { CharacterSet } from './character-sets';
import { CHARSET_VRS, characterSet } from './character-sets';
import { DICTIONARY_VR, TAG } from './dicom-tags';
import { scanElements } from './element-scanner';
import { asciiValue, locateDataset } from './file-meta';
import { decodeText } from './parse-dicom';

export interface TextElement {
  tag: number;
  vr: string;
  /** 0 at the top level, +1 per enclosing sequence. */
  depth: number;
  values: string[];
}

/** Decodes the text elements (SH, LO, ST, LT, UC, UT, PN) at every depth, in file order. */
export function readTextElements(bytes: Uint8Array): TextElement[] {
  const location = locateDataset(bytes);
  const data = location.bytes;
  const charsets: CharacterSet[] = [characterSet([''])];
  const out: TextElement[] = [];
  scanElements(
    data,
    {
      explicitVR: location.transferSyntax.explicitVR,
      littleEndian: location.transferSyntax.littleEndian,
      start: location.start,
      fileOffset: location.fileOffset,
    },
    {
      element(header) {
        const value = data.subarray(header.offset, header.offset + header.length);
        if (header.tag === TAG.SpecificCharacterSet) {
          charsets[charsets.length - 1] = characterSet(asciiValue(value).split('\\'));
          return;
        }
        const vr = header.vr || DICTIONARY_VR.get(header.tag) || '';
        if (!CHARSET_VRS.has(vr)) return;
        out.push({ tag: header.tag, vr, depth: header.depth, values: decodeText(charsets[charsets.length - 1]!, value, vr) });
      },
      itemStart() {
        charsets.push(charsets[charsets.length - 1]!);
      },
      itemEnd() {
        charsets.pop();
      },
    },
  );
  return out;
}
