// Reads a safetensors file (huggingface/safetensors format): an 8-byte little-endian header
// length, a JSON header mapping tensor names to {dtype, shape, data_offsets}, then the raw
// little-endian tensor bytes. brainchop ships its MeshNet weights this way under the name
// `model.pth`, so the reader trusts the bytes, never the file name.
import { type Float32Tensor, elementCount, float32FromBytes } from './tensor';

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** Largest header we accept; the format caps it at 100 MB, real headers are a few KiB. */
const MAX_HEADER_BYTES = 100 * 1024 * 1024;

export function isSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 10) return false;
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  return length > 1 && length <= MAX_HEADER_BYTES && 8 + length <= bytes.length && bytes[8] === 0x7b; // '{'
}

export function readSafetensors(bytes: Uint8Array, what = 'safetensors'): Map<string, Float32Tensor> {
  if (!isSafetensors(bytes)) throw new Error(`${what}: not a safetensors file (bad header length or no JSON header)`);
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Record<string, HeaderEntry | Record<string, string>>;
  const body = bytes.subarray(8 + headerLength);
  const tensors = new Map<string, Float32Tensor>();
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const e = entry as HeaderEntry;
    if (e.dtype !== 'F32') throw new Error(`${what}: tensor ${name} has dtype ${e.dtype}; only F32 is supported`);
    const [begin, end] = e.data_offsets;
    const count = elementCount(e.shape);
    if (end - begin !== count * 4 || end > body.length || begin < 0) {
      throw new Error(`${what}: tensor ${name} offsets [${begin}, ${end}) do not fit shape [${e.shape.join(',')}]`);
    }
    tensors.set(name, { shape: [...e.shape], data: float32FromBytes(body.subarray(begin, end), count, `${what} ${name}`) });
  }
  return tensors;
}
