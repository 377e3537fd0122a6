// The protobuf encoding follows the wire format (varints, tags) byte for byte.
import { describe, expect, it } from 'vitest';
import { encodeVarint, ProtoMessage } from '../../../native-models/src/onnx/protobuf-writer';

describe('protobuf writer', () => {
  it('encodes varints as the protobuf documentation shows', () => {
    expect(Array.from(encodeVarint(1n))).toEqual([1]);
    expect(Array.from(encodeVarint(150n))).toEqual([0x96, 0x01]);
    expect(Array.from(encodeVarint(300n))).toEqual([0xac, 0x02]);
  });
  it('writes tags, negative ints as 10-byte two\'s complement, strings length-prefixed', () => {
    expect(Array.from(new ProtoMessage().int(1, 150).finish())).toEqual([0x08, 0x96, 0x01]);
    expect(Array.from(new ProtoMessage().int(2, -1).finish())).toEqual([0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(Array.from(new ProtoMessage().string(2, 'testing').finish())).toEqual([0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67]);
    expect(Array.from(new ProtoMessage().float(2, 1).finish())).toEqual([0x15, 0x00, 0x00, 0x80, 0x3f]);
  });
});
