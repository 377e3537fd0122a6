// A small writer for element-wise ONNX arithmetic: each call appends one node and returns the
// name of its output, so formulas (Gaussian kernels, 3×3 eigenvalues) read like formulas.
import type { AttributeValue, OnnxInitializer, OnnxNode } from '../onnx/onnx-model';

export class GraphExpressions {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxInitializer[] = [];
  private readonly constants = new Map<string, string>();
  private counter = 0;

  constructor(private readonly prefix: string) {}

  /** Emits one node; `output` names the result explicitly (graph outputs), else a fresh name. */
  op(opType: string, inputs: readonly string[], attributes?: Record<string, AttributeValue>, output?: string): string {
    const name = output ?? `${this.prefix}/${opType}_${this.counter}`;
    this.counter++;
    this.nodes.push({ opType, name: `${name}/${opType}`, inputs, outputs: [name], ...(attributes ? { attributes } : {}) });
    return name;
  }

  /** A float32 scalar initializer, shared between uses of the same value. */
  scalar(value: number): string {
    const key = `f:${value}`;
    const existing = this.constants.get(key);
    if (existing) return existing;
    const name = `const/f${this.constants.size}`;
    this.initializers.push({ name, dims: [], dtype: 'float32', data: Float32Array.of(value) });
    this.constants.set(key, name);
    return name;
  }

  floats(name: string, values: readonly number[]): string {
    this.initializers.push({ name, dims: [values.length], dtype: 'float32', data: Float32Array.from(values) });
    return name;
  }

  int64s(name: string, values: readonly number[]): string {
    this.initializers.push({ name, dims: [values.length], dtype: 'int64', data: BigInt64Array.from(values.map((v) => BigInt(v))) });
    return name;
  }

  add(a: string, b: string): string {
    return this.op('Add', [a, b]);
  }
  sub(a: string, b: string): string {
    return this.op('Sub', [a, b]);
  }
  mul(a: string, b: string): string {
    return this.op('Mul', [a, b]);
  }
  div(a: string, b: string): string {
    return this.op('Div', [a, b]);
  }
  max(a: string, b: string): string {
    return this.op('Max', [a, b]);
  }
  abs(a: string): string {
    return this.op('Abs', [a]);
  }
  square(a: string): string {
    return this.op('Mul', [a, a]);
  }
  /** 1 where a < b, else 0 (float). */
  less(a: string, b: string): string {
    return this.op('Cast', [this.op('Less', [a, b])], { to: { kind: 'int', value: 1 } });
  }
}
