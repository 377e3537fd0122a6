// The image size a JPEG or JPEG 2000 codestream declares, read from its frame header before
// decoding: the WASM decoders size their output from the DICOM header and would return a
// padded or cropped image when the two disagree.
import { AppError } from '../../shared/result';

export interface CodestreamSize {
  width: number;
  height: number;
  components: number;
}

/** JPEG (ITU-T T.81 B.2.2 SOFn) or JPEG 2000 / HTJ2K (T.800 A.5.1 SIZ) frame size, if found. */
export function codestreamSize(kind: 'jpeg' | 'j2k', bytes: Uint8Array): CodestreamSize | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (kind === 'j2k') {
    // A raw codestream starts with SOC SIZ; a JP2 file holds it in its 'jp2c' box.
    const limit = Math.min(bytes.length - 42, 4096);
    for (let i = 0; i <= limit; i++) {
      if (bytes[i] === 0xff && bytes[i + 1] === 0x4f && bytes[i + 2] === 0xff && bytes[i + 3] === 0x51) {
        // After the SIZ marker: Lsiz, Rsiz (2 bytes each), Xsiz, Ysiz, XOsiz, YOsiz, … (4), Csiz (2).
        const siz = i + 4;
        return {
          width: view.getUint32(siz + 4) - view.getUint32(siz + 12),
          height: view.getUint32(siz + 8) - view.getUint32(siz + 16),
          components: view.getUint16(siz + 36),
        };
      }
    }
    return undefined;
  }
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = bytes[i + 1] as number;
    if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    // SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC); JPEG-LS uses SOF55 (F7, T.87 C.2.2).
    if ((marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) || marker === 0xf7) {
      return { height: view.getUint16(i + 5), width: view.getUint16(i + 7), components: bytes[i + 9] as number };
    }
    i += 2 + view.getUint16(i + 2);
  }
  return undefined;
}

/** Throws DECODE_FAILED when the codestream's size differs from Rows × Columns × Samples. */
export function assertCodestreamMatches(kind: 'jpeg' | 'j2k', bytes: Uint8Array, rows: number, columns: number, samples: number): void {
  const size = codestreamSize(kind, bytes);
  if (!size) throw new AppError('DECODE_FAILED', `The ${kind === 'jpeg' ? 'JPEG' : 'JPEG 2000'} frame has no frame header; the data is corrupt or not what the transfer syntax says.`);
  // A JPEG height of 0 defers to a DNL marker (T.81 B.2.5); the width still has to match.
  if (size.width !== columns || (size.height !== rows && size.height !== 0) || size.components !== samples) {
    throw new AppError(
      'DECODE_FAILED',
      `The compressed frame is ${size.width}×${size.height} with ${size.components} component(s) but the header says ${columns}×${rows} with ${samples}; the file is inconsistent.`,
    );
  }
}
