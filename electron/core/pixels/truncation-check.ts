// dcmjs zero-fills a value that runs past the end of the file, so a truncated native image would
// decode as an image with a black tail. When we hold the file bytes, find the Pixel Data header
// (PS3.5 §7.1) of the expected length and check that its value really fits in the file.
import { AppError } from '../../shared/result';

/**
 * Throws TRUNCATED when the file's native Pixel Data (declared length ≥ `needed` bytes) ends past
 * the end of `file`. Searches from the end: the top-level Pixel Data follows any icon image.
 */
export function assertNativePixelDataComplete(file: Uint8Array, needed: number, littleEndian: boolean, explicitVR: boolean): void {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const [g0, g1, e0, e1] = littleEndian ? [0xe0, 0x7f, 0x10, 0x00] : [0x7f, 0xe0, 0x00, 0x10];
  const header = explicitVR ? 12 : 8;
  // Fast path: Pixel Data is usually the last element, so its header sits right before the value.
  const candidates = [file.byteLength - needed - header, file.byteLength - needed - 1 - header].filter((i) => i >= 0);
  const isTag = (i: number) => file[i] === g0 && file[i + 1] === g1 && file[i + 2] === e0 && file[i + 3] === e1;
  if (candidates.some((i) => isTag(i) && view.getUint32(i + header - 4, littleEndian) + i + header === file.byteLength)) return;
  for (let i = file.byteLength - 8; i >= 0; i--) {
    if (!isTag(i)) continue;
    let valueStart: number;
    let length: number;
    if (explicitVR) {
      const vr = String.fromCharCode(file[i + 4] as number, file[i + 5] as number);
      if ((vr !== 'OW' && vr !== 'OB') || i + 12 > file.byteLength) continue;
      length = view.getUint32(i + 8, littleEndian);
      valueStart = i + 12;
    } else {
      length = view.getUint32(i + 4, littleEndian);
      valueStart = i + 8;
    }
    if (length === 0xffffffff || length < needed || length > needed + 1) continue;
    if (valueStart + length > file.byteLength) {
      throw new AppError(
        'TRUNCATED',
        `The file ends ${valueStart + length - file.byteLength} bytes before the end of its Pixel Data; it was cut short in transfer or on disk. Re-send or re-export it.`,
      );
    }
    return;
  }
}
