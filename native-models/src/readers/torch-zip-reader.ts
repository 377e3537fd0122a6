// Reads a PyTorch state_dict saved with `torch.save` (the zip format of PyTorch ≥ 1.6):
// `<archive>/data.pkl` is a pickle whose tensors point, through persistent ids, at raw
// little-endian storages in `<archive>/data/<key>`. The pickle goes through the restricted
// unpickler; no PyTorch code is needed or run.
import { type PickleValue, type TensorRef, UnsafePickleError, safeUnpickle } from './safe-unpickler';
import { type Float32Tensor, elementCount } from './tensor';
import { isZip, readZipEntries } from './zip-reader';

export { isZip as isTorchZip };

const DTYPE_BYTES = { float32: 4, float64: 8, float16: 2, int64: 8 } as const;

function readElement(view: DataView, dtype: TensorRef['storage']['dtype'], index: number): number {
  switch (dtype) {
    case 'float32':
      return view.getFloat32(index * 4, true);
    case 'float64':
      return view.getFloat64(index * 8, true);
    case 'int64':
      return Number(view.getBigInt64(index * 8, true));
    case 'float16':
      return halfToFloat(view.getUint16(index * 2, true));
  }
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? Number.NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Materialises a (possibly strided) tensor view as a contiguous row-major float32 array. */
function materialise(ref: TensorRef, storage: Uint8Array, name: string): Float32Tensor {
  const bytesPer = DTYPE_BYTES[ref.storage.dtype];
  if (storage.length < ref.storage.numel * bytesPer) {
    throw new Error(`tensor ${name}: storage ${ref.storage.key} has ${storage.length} bytes, needs ${ref.storage.numel * bytesPer}`);
  }
  const view = new DataView(storage.buffer, storage.byteOffset, storage.byteLength);
  const count = elementCount(ref.shape);
  const out = new Float32Array(count);
  const rank = ref.shape.length;
  const index = new Array<number>(rank).fill(0);
  for (let i = 0; i < count; i++) {
    let offset = ref.storageOffset;
    for (let d = 0; d < rank; d++) offset += (index[d] as number) * (ref.stride[d] as number);
    if (offset < 0 || offset >= ref.storage.numel) throw new Error(`tensor ${name}: view runs outside its storage`);
    out[i] = readElement(view, ref.storage.dtype, offset);
    for (let d = rank - 1; d >= 0; d--) {
      index[d] = (index[d] as number) + 1;
      if ((index[d] as number) < (ref.shape[d] as number)) break;
      index[d] = 0;
    }
  }
  return { shape: [...ref.shape], data: out };
}

function isTensorRef(v: PickleValue): v is TensorRef {
  return typeof v === 'object' && v !== null && !(v instanceof Map) && !Array.isArray(v) && !(v instanceof Uint8Array) && v.kind === 'tensor';
}

/** Every floating-point tensor of the state_dict by name (integer buffers such as BatchNorm's counter are skipped). */
export function readTorchStateDict(bytes: Uint8Array, what = 'model.pth'): Map<string, Float32Tensor> {
  const entries = readZipEntries(bytes, what);
  const pickleName = [...entries.keys()].find((n) => /^[^/]+\/data\.pkl$/.test(n));
  if (!pickleName) throw new Error(`${what}: zip archive has no <name>/data.pkl: not a PyTorch checkpoint`);
  const prefix = pickleName.slice(0, -'data.pkl'.length);
  const byteorder = entries.get(`${prefix}byteorder`);
  if (byteorder && new TextDecoder().decode(byteorder).trim() !== 'little') {
    throw new Error(`${what}: big-endian PyTorch archives are not supported`);
  }
  let root: PickleValue;
  try {
    root = safeUnpickle(entries.get(pickleName) as Uint8Array);
  } catch (error) {
    if (error instanceof UnsafePickleError) throw new Error(`${what}: refused: ${error.message}`);
    throw error;
  }
  if (!(root instanceof Map)) throw new Error(`${what}: the pickle is not a state_dict (expected a dict of tensors)`);
  const tensors = new Map<string, Float32Tensor>();
  for (const [key, value] of root) {
    if (typeof key !== 'string' || !isTensorRef(value)) continue;
    if (value.storage.dtype === 'int64') continue;
    const storage = entries.get(`${prefix}data/${value.storage.key}`);
    if (!storage) throw new Error(`${what}: tensor ${key} points at missing storage ${value.storage.key}`);
    tensors.set(key, materialise(value, storage, key));
  }
  return tensors;
}
