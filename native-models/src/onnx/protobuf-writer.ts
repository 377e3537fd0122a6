// A minimal protocol-buffers encoder: just the wire types ONNX's ModelProto uses (varint and
// length-delimited). Writing the few messages ourselves keeps the converter free of a schema
// compiler and makes every byte of the output traceable to onnx.proto field numbers.

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

/** An encoded message: a list of chunks concatenated once at the end. */
export class ProtoMessage {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  private tag(field: number, wire: number): void {
    this.push(encodeVarint(BigInt((field << 3) | wire)));
  }

  /** int32/int64/enum/bool field (negative values as 10-byte two's complement, as protobuf does). */
  int(field: number, value: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    let v = BigInt(value);
    if (v < 0n) v = BigInt.asUintN(64, v);
    this.push(encodeVarint(v));
    return this;
  }

  /** float field (fixed32, little-endian). */
  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.push(bytes);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.push(encodeVarint(BigInt(value.length)));
    this.push(value);
    return this;
  }

  message(field: number, value: ProtoMessage): this {
    return this.bytes(field, value.finish());
  }

  /**
   * Repeated int64, one tag per value. onnx.proto is proto2 syntax, where repeated scalars are
   * unpacked unless marked; parsers accept both, but we write what the schema declares.
   */
  repeatedInts(field: number, values: readonly (number | bigint)[]): this {
    for (const v of values) this.int(field, v);
    return this;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

export function encodeVarint(value: bigint): Uint8Array {
  const bytes: number[] = [];
  let v = value;
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (v > 0n);
  return Uint8Array.from(bytes);
}
