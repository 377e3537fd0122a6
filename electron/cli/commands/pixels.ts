import { readFile, writeFile } from 'node:fs/promises';
import type { DecodedPixels } from '../../core/pixels/decoded-pixels';
import { readPixels } from '../../core/pixels/read-pixels';
import { printJson, UsageError } from '../cli-io';
import type { CliCommand } from '../command';

/** The decoded values as little-endian bytes (typed arrays are host order; convert on big-endian hosts). */
function littleEndianBytes(pixels: DecodedPixels): Uint8Array {
  const data = pixels.data;
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 || data.BYTES_PER_ELEMENT === 1) return bytes;
  const out = new Uint8Array(bytes.byteLength);
  const width = data.BYTES_PER_ELEMENT;
  for (let i = 0; i < bytes.byteLength; i += width) for (let b = 0; b < width; b++) out[i + b] = bytes[i + width - 1 - b] as number;
  return out;
}

export const pixelsCommand: CliCommand = {
  name: 'pixels',
  summary: 'Decode the pixels of a DICOM file to raw little-endian values (row-major, samples interleaved)',
  usage: 'yingdu pixels FILE --out RAW [--frame N] [--modality] [--json]',
  options: { out: { type: 'string' }, frame: { type: 'string' }, modality: { type: 'boolean' } },
  async run({ io, common, positionals, options }) {
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('give exactly one DICOM FILE');
    const out = options.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('--out RAW is required');
    let frame: number | undefined;
    if (typeof options.frame === 'string') {
      frame = Number(options.frame);
      if (!/^\d+$/.test(options.frame)) throw new UsageError('--frame takes a frame number counted from 0');
    }
    const pixels = await readPixels(new Uint8Array(await readFile(file)), { frame, modalityLut: options.modality === true });
    await writeFile(out, littleEndianBytes(pixels));
    const summary = {
      rows: pixels.rows,
      columns: pixels.columns,
      frames: pixels.frames,
      samplesPerPixel: pixels.samplesPerPixel,
      dtype: pixels.dtype,
      photometricInterpretation: pixels.photometricInterpretation,
      storedPhotometricInterpretation: pixels.storedPhotometricInterpretation,
      numberOfFrames: pixels.numberOfFrames,
      firstFrame: pixels.firstFrame,
      transferSyntaxUID: pixels.transferSyntaxUID,
      bitsStored: pixels.bitsStored,
      modalityLutApplied: pixels.modalityLutApplied,
      rescale: pixels.rescale,
      windows: pixels.windows,
      bytes: pixels.data.byteLength,
    };
    if (common.json) printJson(io, summary);
    else {
      io.stdout(
        `${pixels.columns}×${pixels.rows}, ${pixels.frames} frame(s), ${pixels.samplesPerPixel} sample(s), ${pixels.dtype}, ${pixels.photometricInterpretation} → ${out} (${pixels.data.byteLength} bytes)\n`,
      );
    }
    return 0;
  },
};
