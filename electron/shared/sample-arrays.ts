// The typed array that holds each sample type (VOLUME_DTYPES), in one table for every runtime:
// the core allocates voxels and decoded pixels through it.
import type { VolumeDtype } from './volumes';

export interface SampleArrays {
  uint8: Uint8Array;
  int8: Int8Array;
  uint16: Uint16Array;
  int16: Int16Array;
  uint32: Uint32Array;
  int32: Int32Array;
  float32: Float32Array;
  float64: Float64Array;
}
export type SampleArray = SampleArrays[VolumeDtype];

const CONSTRUCTORS: Record<VolumeDtype, new (length: number) => SampleArray> = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
};

/** `length` zeroed samples of `dtype`. */
export function allocateSamples<D extends VolumeDtype>(dtype: D, length: number): SampleArrays[D] {
  return new CONSTRUCTORS[dtype](length) as SampleArrays[D];
}
