// Finding the bytes of each frame in encapsulated Pixel Data (PS3.5 A.4). dcmjs already splits
// the value by the Basic Offset Table when there is one; without it, it returns the fragments.
// A frame may span several fragments, but a fragment never holds two frames (A.4, note), so:
// one frame → all fragments; Extended Offset Table (7FE0,0001) → its offsets (A.4.1);
// otherwise a new frame starts at each fragment that opens with a codestream start marker.
import { AppError } from '../../shared/result';

export type FrameMarker = 'jpeg' | 'j2k' | 'jxl' | 'rle' | 'none';

export interface EncapsulatedLayout {
  /** Pieces as dcmjs returned them: frames when a Basic Offset Table was present, else fragments. */
  parts: Uint8Array[];
  numberOfFrames: number;
  /** Extended Offset Table as little-endian 64-bit offsets, when present. */
  extendedOffsets?: Uint8Array;
  marker: FrameMarker;
}

/** The fragments of each frame (joined only for the frames that are decoded). */
export function encapsulatedFrames(layout: EncapsulatedLayout): Uint8Array[][] {
  const { parts, numberOfFrames } = layout;
  if (parts.length === 0) throw new AppError('DECODE_FAILED', 'The encapsulated Pixel Data holds no fragments (PS3.5 A.4).');
  if (parts.length === numberOfFrames) return parts.map((p) => [p]);
  if (parts.length < numberOfFrames) {
    throw new AppError(
      'DECODE_FAILED',
      `The encapsulated Pixel Data has ${parts.length} fragment(s) for ${numberOfFrames} frames; a fragment cannot hold more than one frame (PS3.5 A.4), so the file is truncated or wrong.`,
    );
  }
  if (numberOfFrames === 1) return [parts];
  if (layout.extendedOffsets && layout.extendedOffsets.byteLength >= numberOfFrames * 8) {
    return byExtendedOffsets(parts, numberOfFrames, layout.extendedOffsets);
  }
  const starts = parts.map((p, i) => i === 0 || startsFrame(p, layout.marker));
  const frames: Uint8Array[][] = [];
  parts.forEach((part, i) => {
    if (starts[i]) frames.push([part]);
    else frames[frames.length - 1]?.push(part);
  });
  if (frames.length !== numberOfFrames) {
    throw new AppError(
      'DECODE_FAILED',
      `Cannot tell which of the ${parts.length} fragments belong to which of the ${numberOfFrames} frames: the Basic Offset Table is empty and there is no Extended Offset Table.`,
    );
  }
  return frames;
}

/** EOT offsets count bytes from the first fragment's Item tag, 8 header bytes per fragment (A.4.1). */
function byExtendedOffsets(parts: Uint8Array[], frames: number, table: Uint8Array): Uint8Array[][] {
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const offsets: number[] = [];
  for (let f = 0; f < frames; f++) offsets.push(Number(view.getBigUint64(f * 8, true)));
  const positions: number[] = [];
  let position = 0;
  for (const part of parts) {
    positions.push(position);
    position += 8 + part.byteLength;
  }
  return offsets.map((offset, f) => {
    const first = positions.indexOf(offset);
    const next = f + 1 < frames ? positions.indexOf(offsets[f + 1] as number) : parts.length;
    if (first < 0 || next <= first) {
      throw new AppError('DECODE_FAILED', `Extended Offset Table entry ${f + 1} (${offset}) does not point at a fragment (PS3.5 A.4.1).`);
    }
    return parts.slice(first, next);
  });
}

function startsFrame(part: Uint8Array, marker: FrameMarker): boolean {
  if (part.byteLength < 8) return false;
  const [a, b, c, d] = part;
  if (marker === 'jpeg') return a === 0xff && b === 0xd8;
  // J2K codestream SOC+SIZ, or a JP2 file's signature box.
  if (marker === 'j2k') return (a === 0xff && b === 0x4f && c === 0xff && d === 0x51) || (c === 0x00 && d === 0x0c && part[4] === 0x6a);
  // JPEG XL: a bare codestream (FF 0A) or the ISO BMFF container's 'JXL ' signature box.
  if (marker === 'jxl') return (a === 0xff && b === 0x0a) || (d === 0x0c && part[4] === 0x4a && part[5] === 0x58 && part[6] === 0x4c);
  if (marker === 'rle') {
    const view = new DataView(part.buffer, part.byteOffset, 8);
    const segments = view.getUint32(0, true);
    return segments >= 1 && segments <= 15 && view.getUint32(4, true) === 64;
  }
  return false;
}
