// A restricted pickle reader for PyTorch state_dicts (pickle protocol 2–5, as `torch.save`
// writes). It interprets only data-building opcodes and resolves only an allow-list of globals
// to local, side-effect-free constructors; anything else (arbitrary `GLOBAL`s, `INST`, `OBJ`,
// `NEWOBJ`, extension registry codes) is refused. Nothing in the pickle is ever executed: that
// is the point, a model file from removable media must not be able to run code.

/** A reference to a tensor storage inside the archive (`data/<key>`), from a persistent id. */
export interface StorageRef {
  kind: 'storage';
  dtype: 'float32' | 'float64' | 'float16' | 'int64';
  key: string;
  location: string;
  numel: number;
}

/** What `torch._utils._rebuild_tensor_v2` would build, as a description. */
export interface TensorRef {
  kind: 'tensor';
  storage: StorageRef;
  storageOffset: number;
  shape: number[];
  stride: number[];
}

export type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PickleValue[]
  | Map<PickleValue, PickleValue>
  | StorageRef
  | TensorRef
  | { kind: 'global'; name: string }
  | { kind: 'storage-type'; dtype: StorageRef['dtype'] };

const STORAGE_TYPES: Record<string, StorageRef['dtype']> = {
  'torch FloatStorage': 'float32',
  'torch DoubleStorage': 'float64',
  'torch HalfStorage': 'float16',
  'torch LongStorage': 'int64',
};

/** Callables a state_dict pickle may REDUCE; each maps to a pure local constructor. */
const ALLOWED_CALLABLES = new Set(['collections OrderedDict', 'torch._utils _rebuild_tensor_v2', 'torch._utils _rebuild_parameter']);

const MARK = Symbol('mark');
type StackItem = PickleValue | typeof MARK;

export class UnsafePickleError extends Error {}

function asNumber(v: PickleValue, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  throw new UnsafePickleError(`${what} must be an integer`);
}

function rebuildTensor(args: PickleValue[]): TensorRef {
  const [storage, offset, size, stride] = args;
  if (!storage || typeof storage !== 'object' || !('kind' in storage) || storage.kind !== 'storage') {
    throw new UnsafePickleError('_rebuild_tensor_v2 without a storage');
  }
  if (!Array.isArray(size) || !Array.isArray(stride)) throw new UnsafePickleError('_rebuild_tensor_v2 without size/stride');
  return {
    kind: 'tensor',
    storage,
    storageOffset: asNumber(offset ?? null, 'storage offset'),
    shape: size.map((s) => asNumber(s, 'size')),
    stride: stride.map((s) => asNumber(s, 'stride')),
  };
}

function callAllowed(fn: PickleValue, args: PickleValue): PickleValue {
  if (!fn || typeof fn !== 'object' || !('kind' in fn) || fn.kind !== 'global') throw new UnsafePickleError('REDUCE on a non-callable');
  if (!Array.isArray(args)) throw new UnsafePickleError('REDUCE arguments are not a tuple');
  switch (fn.name) {
    case 'collections OrderedDict':
      return new Map();
    case 'torch._utils _rebuild_tensor_v2':
      return rebuildTensor(args);
    case 'torch._utils _rebuild_parameter': {
      const tensor = args[0];
      if (!tensor || typeof tensor !== 'object' || !('kind' in tensor) || tensor.kind !== 'tensor') {
        throw new UnsafePickleError('_rebuild_parameter without a tensor');
      }
      return tensor;
    }
    default:
      throw new UnsafePickleError(`refusing to call ${fn.name}`);
  }
}

function persistentLoad(pid: PickleValue): StorageRef {
  // torch.save: ('storage', storage_type, key, location, numel)
  if (!Array.isArray(pid) || pid[0] !== 'storage') throw new UnsafePickleError('unknown persistent id');
  const type = pid[1];
  if (!type || typeof type !== 'object' || !('kind' in type) || type.kind !== 'storage-type') {
    throw new UnsafePickleError('persistent id without a known storage type');
  }
  const key = pid[2];
  if (typeof key !== 'string' || !/^[0-9A-Za-z_]+$/.test(key)) throw new UnsafePickleError('storage key is not a plain name');
  return { kind: 'storage', dtype: type.dtype, key, location: String(pid[3]), numel: asNumber(pid[4] ?? null, 'numel') };
}

/** Parses a pickle, returning the top-level value. Throws UnsafePickleError on anything outside the allow-list. */
export function safeUnpickle(bytes: Uint8Array): PickleValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stack: StackItem[] = [];
  const memo = new Map<number, PickleValue>();
  let pos = 0;

  const need = (n: number) => {
    if (pos + n > bytes.length) throw new UnsafePickleError('pickle is truncated');
  };
  const u8 = () => (need(1), bytes[pos++] as number);
  const u16 = () => (need(2), (pos += 2), view.getUint16(pos - 2, true));
  const u32 = () => (need(4), (pos += 4), view.getUint32(pos - 4, true));
  const i32 = () => (need(4), (pos += 4), view.getInt32(pos - 4, true));
  const take = (n: number) => (need(n), (pos += n), bytes.subarray(pos - n, pos));
  const line = () => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw new UnsafePickleError('pickle is truncated');
    const text = decoder.decode(bytes.subarray(pos, end));
    pos = end + 1;
    return text;
  };
  const pop = (): PickleValue => {
    const v = stack.pop();
    if (v === undefined || v === MARK) throw new UnsafePickleError('pickle stack underflow');
    return v;
  };
  const top = (): PickleValue => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) throw new UnsafePickleError('pickle stack underflow');
    return v;
  };
  const popMark = (): PickleValue[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) throw new UnsafePickleError('pickle MARK missing');
    const items = stack.splice(at) as PickleValue[];
    items.shift();
    return items;
  };
  const resolveGlobal = (module: string, name: string): PickleValue => {
    const full = `${module} ${name}`;
    const storage = STORAGE_TYPES[full];
    if (storage) return { kind: 'storage-type', dtype: storage };
    if (ALLOWED_CALLABLES.has(full)) return { kind: 'global', name: full };
    throw new UnsafePickleError(`refusing global ${module}.${name}: not part of a PyTorch state_dict`);
  };
  const setItems = (target: PickleValue, items: PickleValue[]) => {
    if (!(target instanceof Map)) throw new UnsafePickleError('SETITEM on a non-dict');
    for (let i = 0; i + 1 < items.length; i += 2) target.set(items[i] as PickleValue, items[i + 1] as PickleValue);
  };

  for (;;) {
    const op = u8();
    switch (op) {
      case 0x80: u8(); break; // PROTO
      case 0x95: take(8); break; // FRAME (length only; framing is advisory)
      case 0x2e: return pop(); // STOP
      case 0x28: stack.push(MARK); break; // MARK
      case 0x29: stack.push([]); break; // EMPTY_TUPLE
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x7d: stack.push(new Map()); break; // EMPTY_DICT
      case 0x74: stack.push(popMark()); break; // TUPLE
      case 0x6c: stack.push(popMark()); break; // LIST
      case 0x85: stack.push([pop()]); break; // TUPLE1
      case 0x86: { const b = pop(); const a = pop(); stack.push([a, b]); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); const a = pop(); stack.push([a, b, c]); break; } // TUPLE3
      case 0x61: { const v = pop(); const list = top(); if (!Array.isArray(list)) throw new UnsafePickleError('APPEND on a non-list'); list.push(v); break; }
      case 0x65: { const items = popMark(); const list = top(); if (!Array.isArray(list)) throw new UnsafePickleError('APPENDS on a non-list'); list.push(...items); break; }
      case 0x73: { const v = pop(); const k = pop(); setItems(top(), [k, v]); break; } // SETITEM
      case 0x75: { const items = popMark(); setItems(top(), items); break; } // SETITEMS
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4b: stack.push(u8()); break; // BININT1
      case 0x4d: stack.push(u16()); break; // BININT2
      case 0x4a: stack.push(i32()); break; // BININT
      case 0x8a: { // LONG1
        const n = u8();
        const b = take(n);
        let v = 0n;
        for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i] as number);
        if (n > 0 && ((b[n - 1] as number) & 0x80) !== 0) v -= 1n << BigInt(8 * n);
        stack.push(v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
        break;
      }
      case 0x47: need(8); pos += 8; stack.push(view.getFloat64(pos - 8, false)); break; // BINFLOAT (big-endian)
      case 0x58: stack.push(decoder.decode(take(u32()))); break; // BINUNICODE
      case 0x8c: stack.push(decoder.decode(take(u8()))); break; // SHORT_BINUNICODE
      case 0x8d: { need(8); const n = Number(view.getBigUint64(pos, true)); pos += 8; stack.push(decoder.decode(take(n))); break; } // BINUNICODE8
      case 0x55: stack.push(decoder.decode(take(u8()))); break; // SHORT_BINSTRING
      case 0x43: stack.push(take(u8()).slice()); break; // SHORT_BINBYTES
      case 0x42: stack.push(take(u32()).slice()); break; // BINBYTES
      case 0x71: memo.set(u8(), top()); break; // BINPUT
      case 0x72: memo.set(u32(), top()); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x68: case 0x6a: { // BINGET, LONG_BINGET
        const key = op === 0x68 ? u8() : u32();
        if (!memo.has(key)) throw new UnsafePickleError(`memo key ${key} missing`);
        stack.push(memo.get(key) as PickleValue);
        break;
      }
      case 0x63: { const module = line(); const name = line(); stack.push(resolveGlobal(module, name)); break; } // GLOBAL
      case 0x93: { const name = pop(); const module = pop(); stack.push(resolveGlobal(String(module), String(name))); break; } // STACK_GLOBAL
      case 0x51: stack.push(persistentLoad(pop())); break; // BINPERSID
      case 0x52: { const args = pop(); const fn = pop(); stack.push(callAllowed(fn, args)); break; } // REDUCE
      case 0x62: { // BUILD: only OrderedDict's `_metadata` attribute, which we keep aside and ignore.
        const state = pop();
        const target = top();
        if (!(target instanceof Map) || !(state instanceof Map || state === null)) throw new UnsafePickleError('BUILD on an unexpected object');
        break;
      }
      default:
        throw new UnsafePickleError(`refusing pickle opcode 0x${op.toString(16)} at byte ${pos - 1}`);
    }
  }
}
