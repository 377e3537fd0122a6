// The one in-memory form every weight reader produces: a named float32 tensor in row-major
// (C) order with its shape. Converters only ever see this, whatever the source format.
export interface Float32Tensor {
  shape: number[];
  data: Float32Array;
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Copies little-endian float32 bytes into an aligned Float32Array (source offsets may be unaligned). */
export function float32FromBytes(bytes: Uint8Array, count: number, what: string): Float32Array {
  if (bytes.length < count * 4) {
    throw new Error(`${what}: needs ${count * 4} bytes of float32 data, file has ${bytes.length}`);
  }
  const out = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, count * 4);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
