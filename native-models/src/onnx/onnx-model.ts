// Builds an ONNX ModelProto (onnx/onnx.proto, IR version 8) from a small typed graph
// description. Only what the converters need: float32 initializers, tensor value infos with
// fixed or symbolic dimensions, and node attributes of type INT, INTS, FLOAT, FLOATS, STRING.
import { ProtoMessage } from './protobuf-writer';

/** onnx.proto TensorProto.DataType values. */
export const ONNX_DTYPE = { float32: 1, uint8: 2, int32: 6, int64: 7, float16: 10 } as const;
export type OnnxDtype = keyof typeof ONNX_DTYPE;

export type AttributeValue =
  | { kind: 'int'; value: number }
  | { kind: 'ints'; value: readonly number[] }
  | { kind: 'float'; value: number }
  | { kind: 'floats'; value: readonly number[] }
  | { kind: 'string'; value: string };

export interface OnnxNode {
  opType: string;
  name: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: Record<string, AttributeValue>;
}

export interface OnnxInitializer {
  name: string;
  dims: readonly number[];
  dtype: 'float32' | 'int64';
  data: Float32Array | BigInt64Array;
}

export interface OnnxValueInfo {
  name: string;
  dtype: OnnxDtype;
  shape: readonly (number | string)[];
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

export interface OnnxModelInfo {
  opset: number;
  producerName: string;
  producerVersion: string;
  docString: string;
  metadata: Record<string, string>;
}

const IR_VERSION = 8; // ONNX 1.10+: the IR that opset 13–17 models declare.

const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, floats: 6, ints: 7 } as const;

function encodeAttribute(name: string, attr: AttributeValue): ProtoMessage {
  const m = new ProtoMessage().string(1, name);
  switch (attr.kind) {
    case 'float':
      m.float(2, attr.value);
      break;
    case 'int':
      m.int(3, attr.value);
      break;
    case 'string':
      m.string(4, attr.value);
      break;
    case 'floats':
      for (const v of attr.value) m.float(7, v);
      break;
    case 'ints':
      m.repeatedInts(8, attr.value);
      break;
  }
  return m.int(20, ATTRIBUTE_TYPE[attr.kind]);
}

function encodeNode(node: OnnxNode): ProtoMessage {
  const m = new ProtoMessage();
  for (const input of node.inputs) m.string(1, input);
  for (const output of node.outputs) m.string(2, output);
  m.string(3, node.name).string(4, node.opType);
  for (const [name, attr] of Object.entries(node.attributes ?? {})) m.message(5, encodeAttribute(name, attr));
  return m;
}

function encodeTensor(t: OnnxInitializer): ProtoMessage {
  const expected = t.dims.reduce((a, b) => a * b, 1);
  if (t.data.length !== expected) {
    throw new Error(`initializer ${t.name}: ${t.data.length} values for dims [${t.dims.join(',')}]`);
  }
  // raw_data is little-endian by the ONNX spec; typed arrays are little-endian on every host we build on.
  const raw = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  return new ProtoMessage().repeatedInts(1, t.dims).int(2, ONNX_DTYPE[t.dtype]).string(8, t.name).bytes(9, raw);
}

function encodeValueInfo(v: OnnxValueInfo): ProtoMessage {
  const shape = new ProtoMessage();
  for (const d of v.shape) {
    shape.message(1, typeof d === 'number' ? new ProtoMessage().int(1, d) : new ProtoMessage().string(2, d));
  }
  const tensorType = new ProtoMessage().int(1, ONNX_DTYPE[v.dtype]).message(2, shape);
  return new ProtoMessage().string(1, v.name).message(2, new ProtoMessage().message(1, tensorType));
}

/** Serialises the graph as an ONNX model file. */
export function encodeOnnxModel(graph: OnnxGraph, info: OnnxModelInfo): Uint8Array {
  const g = new ProtoMessage();
  for (const node of graph.nodes) g.message(1, encodeNode(node));
  g.string(2, graph.name);
  for (const init of graph.initializers) g.message(5, encodeTensor(init));
  for (const input of graph.inputs) g.message(11, encodeValueInfo(input));
  for (const output of graph.outputs) g.message(12, encodeValueInfo(output));

  const model = new ProtoMessage()
    .int(1, IR_VERSION)
    .string(2, info.producerName)
    .string(3, info.producerVersion)
    .string(6, info.docString)
    .message(7, g)
    .message(8, new ProtoMessage().string(1, '').int(2, info.opset));
  for (const [key, value] of Object.entries(info.metadata)) {
    model.message(14, new ProtoMessage().string(1, key).string(2, value));
  }
  return model.finish();
}
