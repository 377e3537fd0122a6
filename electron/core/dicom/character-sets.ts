// Specific Character Set (0008,0005) decoding: PS3.5 §6.1, PS3.3 C.12.1.1.2, PS3.5 Annex H–K.
// Single-valued sets without code extensions map to one TextDecoder (Node ships full ICU).
// Multi-valued sets use ISO 2022 code extensions: escape sequences designate G0 / G1 code
// elements inside a value, so the bytes are split into runs here and each run decoded alone.
import { TextDecoder } from 'node:util';

/** A code element that escape sequences can designate (PS3.3 Tables C.12-3 / C.12-4). */
interface CodeElement {
  term: string;
  /** Bytes per character in this code element. */
  width: 1 | 2;
  /** G0 = invoked in GL (0x21–0x7E), G1 = in GR (0xA1–0xFE). */
  slot: 'G0' | 'G1';
  /** How to turn the run's bytes into text. */
  decode: (run: Uint8Array) => string;
}

const decoders = new Map<string, TextDecoder>();
function decoderFor(label: string): TextDecoder {
  let decoder = decoders.get(label);
  if (!decoder) {
    try {
      decoder = new TextDecoder(label);
    } catch {
      // A Node built without full ICU lacks the CJK decoders: show Latin-1 rather than fail the import.
      decoder = new TextDecoder('latin1');
    }
    decoders.set(label, decoder);
  }
  return decoder;
}
const decodeWith = (label: string) => (run: Uint8Array) => decoderFor(label).decode(run);
/** True ISO 8859-1 (TextDecoder's "latin1" is windows-1252, which differs in 0x80–0x9F). */
const decodeLatin1 = (run: Uint8Array) => Buffer.from(run.buffer, run.byteOffset, run.byteLength).toString('latin1');
/** JIS X 0208 / 0212 are 94×94 sets; EUC-JP carries them with the high bit set (0x8F prefix for 0212). */
const decodeJis = (prefix: number | null) => (run: Uint8Array) => {
  const out: number[] = [];
  for (let i = 0; i + 1 < run.length; i += 2) {
    if (prefix !== null) out.push(prefix);
    out.push(run[i]! | 0x80, run[i + 1]! | 0x80);
  }
  return decoderFor('euc-jp').decode(new Uint8Array(out));
};
/** KS X 1001 and GB 2312 are designated to G1 in DICOM, so their bytes already have the high bit. */
const decodeGR94 = (label: string) => (run: Uint8Array) => decoderFor(label).decode(run.map((b) => b | 0x80));

/** Defined Terms of (0008,0005) without code extensions → TextDecoder label (PS3.3 Table C.12-2). */
const SINGLE_BYTE_LABELS: Record<string, string> = {
  'ISO_IR 100': 'latin1',
  'ISO_IR 101': 'iso-8859-2',
  'ISO_IR 109': 'iso-8859-3',
  'ISO_IR 110': 'iso-8859-4',
  'ISO_IR 144': 'iso-8859-5',
  'ISO_IR 127': 'iso-8859-6',
  'ISO_IR 126': 'iso-8859-7',
  'ISO_IR 138': 'iso-8859-8',
  'ISO_IR 148': 'iso-8859-9',
  'ISO_IR 203': 'iso-8859-15',
  'ISO_IR 166': 'windows-874',
  'ISO_IR 13': 'shift_jis',
  'ISO_IR 192': 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
};

/** Character sets whose multi-byte characters may contain 0x5C ("\"), so values split after decoding. */
const NON_ISO2022_MULTIBYTE = new Set(['ISO_IR 192', 'GB18030', 'GBK']);

const ASCII: CodeElement = { term: 'ISO 2022 IR 6', width: 1, slot: 'G0', decode: decodeLatin1 };
const ISO2022_G1_SINGLE: Record<string, [escapeFinal: number, label: string]> = {
  'ISO 2022 IR 100': [0x41, 'latin1'],
  'ISO 2022 IR 101': [0x42, 'iso-8859-2'],
  'ISO 2022 IR 109': [0x43, 'iso-8859-3'],
  'ISO 2022 IR 110': [0x44, 'iso-8859-4'],
  'ISO 2022 IR 144': [0x4c, 'iso-8859-5'],
  'ISO 2022 IR 127': [0x47, 'iso-8859-6'],
  'ISO 2022 IR 126': [0x46, 'iso-8859-7'],
  'ISO 2022 IR 138': [0x48, 'iso-8859-8'],
  'ISO 2022 IR 148': [0x4d, 'iso-8859-9'],
  'ISO 2022 IR 203': [0x62, 'iso-8859-15'],
  'ISO 2022 IR 166': [0x54, 'windows-874'],
};

/** Escape sequence (bytes after ESC) → the code element it designates (PS3.3 Tables C.12-3, C.12-4). */
const ESCAPES = new Map<string, CodeElement>([
  ['(B', ASCII],
  ['(J', { term: 'ISO 2022 IR 13', width: 1, slot: 'G0', decode: decodeWith('shift_jis') }],
  [')I', { term: 'ISO 2022 IR 13', width: 1, slot: 'G1', decode: decodeWith('shift_jis') }],
  ['$B', { term: 'ISO 2022 IR 87', width: 2, slot: 'G0', decode: decodeJis(null) }],
  ['$(D', { term: 'ISO 2022 IR 159', width: 2, slot: 'G0', decode: decodeJis(0x8f) }],
  ['$)C', { term: 'ISO 2022 IR 149', width: 2, slot: 'G1', decode: decodeGR94('euc-kr') }],
  ['$)A', { term: 'ISO 2022 IR 58', width: 2, slot: 'G1', decode: decodeGR94('gb18030') }],
  ...Object.entries(ISO2022_G1_SINGLE).map(([term, [final, label]]): [string, CodeElement] => [
    `-${String.fromCharCode(final)}`,
    { term, width: 1, slot: 'G1', decode: label === 'latin1' ? decodeLatin1 : decodeWith(label) },
  ]),
]);

/** The code elements a Defined Term designates at the start of every value (its initial state). */
function initialElements(term: string): { g0: CodeElement; g1: CodeElement | null } {
  switch (term) {
    case '':
    case 'ISO 2022 IR 6':
      return { g0: ASCII, g1: null };
    case 'ISO 2022 IR 13':
      return { g0: ESCAPES.get('(J')!, g1: ESCAPES.get(')I')! };
    case 'ISO 2022 IR 87':
      return { g0: ESCAPES.get('$B')!, g1: null };
    case 'ISO 2022 IR 159':
      return { g0: ESCAPES.get('$(D')!, g1: null };
    case 'ISO 2022 IR 149':
      return { g0: ASCII, g1: ESCAPES.get('$)C')! };
    case 'ISO 2022 IR 58':
      return { g0: ASCII, g1: ESCAPES.get('$)A')! };
    default: {
      const single = ISO2022_G1_SINGLE[term];
      if (single) return { g0: ASCII, g1: [...ESCAPES.values()].find((e) => e.term === term) ?? null };
      return { g0: ASCII, g1: null };
    }
  }
}

export interface CharacterSet {
  /** The Defined Terms as written, trimmed. */
  terms: string[];
  /** Decodes one element's bytes to its values (split on "\" where the VR is multi-valued). */
  decode(bytes: Uint8Array, multiValued: boolean): string[];
}

/** Builds the decoder for a Specific Character Set value (already split on "\"). */
export function characterSet(terms: readonly string[]): CharacterSet {
  const trimmed = terms.map((t) => t.trim());
  const first = trimmed[0] ?? '';
  const usesCodeExtensions = trimmed.length > 1 || first.startsWith('ISO 2022');
  if (!usesCodeExtensions) {
    const label = SINGLE_BYTE_LABELS[first];
    // Unknown or absent terms fall back to the default repertoire read as ISO 8859-1, as pydicom and dcmtk do.
    const decode = label && label !== 'latin1' ? decodeWith(label) : decodeLatin1;
    const splitAfter = NON_ISO2022_MULTIBYTE.has(first) || label === 'shift_jis';
    return {
      terms: trimmed,
      decode: (bytes, multiValued) => {
        if (!multiValued) return [decode(bytes)];
        if (splitAfter) return decode(bytes).split('\\');
        return splitBytes(bytes).map(decode);
      },
    };
  }
  const initial = initialElements(first);
  return { terms: trimmed, decode: (bytes, multiValued) => decodeIso2022(bytes, initial, multiValued) };
}

function splitBytes(bytes: Uint8Array): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let from = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    if (bytes[i] === 0x5c) {
      parts.push(bytes.subarray(from, i));
      from = i + 1;
    }
  }
  parts.push(bytes.subarray(from));
  return parts;
}

const ESC = 0x1b;
/** Delimiters before which the initial code elements are active again (PS3.5 §6.1.2.5.3). */
const RESETTING_DELIMITERS = new Set([0x0d, 0x0a, 0x0c, 0x09, 0x5c, 0x5e, 0x3d]);

function decodeIso2022(bytes: Uint8Array, initial: { g0: CodeElement; g1: CodeElement | null }, multiValued: boolean): string[] {
  const values: string[] = [];
  let text = '';
  let g0 = initial.g0;
  let g1 = initial.g1;
  let run: number[] = [];
  let runElement: CodeElement = g0;
  const flush = () => {
    if (run.length > 0) text += runElement.decode(new Uint8Array(run));
    run = [];
  };
  const emit = (element: CodeElement, ...chars: number[]) => {
    if (element !== runElement) {
      flush();
      runElement = element;
    }
    run.push(...chars);
  };
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    if (byte === ESC) {
      const designated = matchEscape(bytes, i + 1);
      if (designated) {
        if (designated.element.slot === 'G0') g0 = designated.element;
        else g1 = designated.element;
        i += 1 + designated.length;
        continue;
      }
      i += 1; // an unknown escape: skip ESC, keep the rest as text
      continue;
    }
    if (byte >= 0x80 && g1) {
      if (g1.width === 2 && i + 1 < bytes.length) {
        emit(g1, byte, bytes[i + 1]!);
        i += 2;
      } else {
        emit(g1, byte);
        i += 1;
      }
      continue;
    }
    if (g0.width === 2 && byte >= 0x21 && byte <= 0x7e && i + 1 < bytes.length) {
      emit(g0, byte, bytes[i + 1]!);
      i += 2;
      continue;
    }
    if (RESETTING_DELIMITERS.has(byte)) {
      g0 = initial.g0;
      g1 = initial.g1;
      if (byte === 0x5c && multiValued) {
        flush();
        values.push(text);
        text = '';
        i += 1;
        continue;
      }
    }
    emit(g0.width === 1 ? g0 : ASCII, byte);
    i += 1;
  }
  flush();
  values.push(text);
  return values;
}

function matchEscape(bytes: Uint8Array, at: number): { element: CodeElement; length: number } | null {
  for (const length of [3, 2]) {
    if (at + length > bytes.length) continue;
    const key = String.fromCharCode(...bytes.subarray(at, at + length));
    const element = ESCAPES.get(key);
    if (element) return { element, length };
  }
  return null;
}

/** Value representations whose text the Specific Character Set applies to (PS3.5 §6.1.2.3). */
export const CHARSET_VRS: ReadonlySet<string> = new Set(['SH', 'LO', 'ST', 'LT', 'UC', 'UT', 'PN']);
/** Text VRs that carry one value only, so "\" is text (PS3.5 Table 6.2-1). */
export const SINGLE_VALUED_TEXT_VRS: ReadonlySet<string> = new Set(['ST', 'LT', 'UT', 'UR']);
