// The weight readers refuse what they cannot read safely, with a sentence that names the problem.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { safeUnpickle, UnsafePickleError } from '../../../native-models/src/readers/safe-unpickler';
import { readSafetensors } from '../../../native-models/src/readers/safetensors-reader';
import { readTfjsLayersModel } from '../../../native-models/src/readers/tfjs-layers-reader';
import { readTorchStateDict } from '../../../native-models/src/readers/torch-zip-reader';
import { transposeKerasKernel } from '../../../native-models/src/meshnet-sources';
import { HAS_SHARED, sharedModels } from '../../support/shared-data';

const bytes = (text: string) => new TextEncoder().encode(text);

function pythonPickle(expression: string): Uint8Array {
  // Real pickles from CPython's own pickler (protocol 2, as torch.save uses).
  const out = execFileSync('python3', ['-c', `import pickle,sys,collections,os\nsys.stdout.buffer.write(pickle.dumps(${expression}, protocol=2))`]);
  return new Uint8Array(out);
}

describe('safe unpickler', () => {
  it('reads plain containers CPython writes', () => {
    const value = safeUnpickle(pythonPickle("{'a': [1, 2, -3, 2**40], 'b': (True, None, 'x', 1.5)}"));
    expect(value).toBeInstanceOf(Map);
    const map = value as Map<unknown, unknown>;
    expect(map.get('a')).toEqual([1, 2, -3, 2 ** 40]);
    expect(map.get('b')).toEqual([true, null, 'x', 1.5]);
  });

  it('refuses a pickle that would call os.system', () => {
    const evil = bytes("cos\nsystem\n(S'echo pwned'\ntR.");
    expect(() => safeUnpickle(evil)).toThrow(UnsafePickleError);
    expect(() => safeUnpickle(evil)).toThrow(/refusing global os\.system/);
  });

  it('refuses an object with a custom __reduce__ written by CPython', () => {
    const evil = pythonPickle('type("X", (), {"__reduce__": lambda self: (os.getcwd, ())})()');
    expect(() => safeUnpickle(evil)).toThrow(/refusing global/);
  });

  it('refuses opcodes outside the state_dict subset and truncated input', () => {
    expect(() => safeUnpickle(Uint8Array.of(0x80, 0x02, 0x69))).toThrow(/refusing pickle opcode 0x69/); // INST
    expect(() => safeUnpickle(Uint8Array.of(0x80, 0x02, 0x58, 0xff, 0, 0, 0))).toThrow(/truncated/);
  });
});

describe('safetensors reader', () => {
  const header = (h: object) => {
    const json = bytes(JSON.stringify(h));
    const out = new Uint8Array(8 + json.length + 8);
    new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
    out.set(json, 8);
    new DataView(out.buffer).setFloat32(8 + json.length, 1.5, true);
    new DataView(out.buffer).setFloat32(8 + json.length + 4, -2, true);
    return out;
  };
  it('reads F32 tensors', () => {
    const t = readSafetensors(header({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }));
    expect(Array.from(t.get('w')?.data ?? [])).toEqual([1.5, -2]);
  });
  it('refuses offsets that do not fit the shape, and other dtypes', () => {
    expect(() => readSafetensors(header({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }))).toThrow(/do not fit shape/);
    expect(() => readSafetensors(header({ w: { dtype: 'F16', shape: [4], data_offsets: [0, 8] } }))).toThrow(/only F32/);
    expect(() => readSafetensors(bytes('not a safetensors file at all'))).toThrow(/not a safetensors file/);
  });
});

describe('tfjs reader', () => {
  it('refuses a weight shard name that could leave the model folder', () => {
    const json = JSON.stringify({ format: 'layers-model', modelTopology: { model_config: { config: { layers: [] } } }, weightsManifest: [{ paths: ['../../etc/passwd'], weights: [] }] });
    expect(() => readTfjsLayersModel(json, () => new Uint8Array())).toThrow(/not a plain file name/);
  });
  it('transposes Keras kernels [kd,kh,kw,in,out] to ONNX [out,in,kd,kh,kw]', () => {
    const shape = [2, 1, 3, 2, 4];
    const data = Float32Array.from({ length: 48 }, (_, i) => i);
    const t = transposeKerasKernel({ shape, data });
    expect(t.shape).toEqual([4, 2, 2, 1, 3]);
    // element [o=3, i=1, d=1, h=0, w=2] comes from keras [d=1, h=0, w=2, i=1, o=3]
    const src = (((1 * 1 + 0) * 3 + 2) * 2 + 1) * 4 + 3;
    const dst = (((3 * 2 + 1) * 2 + 1) * 1 + 0) * 3 + 2;
    expect(t.data[dst]).toBe(src);
  });
});

describe.skipIf(!HAS_SHARED || !existsSync(sharedModels('brainchop-meshnet', 'mindgrab', 'model.pth')))('torch zip reader on mindgrab', () => {
  it('reads every conv tensor of the published checkpoint', () => {
    const tensors = readTorchStateDict(new Uint8Array(readFileSync(sharedModels('brainchop-meshnet', 'mindgrab', 'model.pth'))));
    expect(tensors.size).toBe(27);
    expect(tensors.get('model.0.0.weight')?.shape).toEqual([15, 1, 3, 3, 3]);
    expect(tensors.get('model.25.weight')?.shape).toEqual([2, 15, 1, 1, 1]);
    expect(tensors.get('model.25.bias')?.data.length).toBe(2);
    expect(Number.isFinite(tensors.get('model.12.0.weight')?.data[100])).toBe(true);
  });
});
