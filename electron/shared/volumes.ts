// What the viewer learns about a series' volumes before it fetches their voxels over the bulk
// route (ARCHITECTURE §1: bulk data is not IPC). Geometry is DICOM patient space (LPS, mm).
import { z } from 'zod';
import { uidSchema } from './studies';

export const VOLUME_DTYPES = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64'] as const;
export type VolumeDtype = (typeof VOLUME_DTYPES)[number];

export type Triple = [number, number, number];

export interface WindowPresetValue {
  /** Window centre and width in modality units (HU for CT), PS3.3 C.11.2.1.2. */
  center: number;
  width: number;
  /** Explanation (VOI LUT Function / Window Center & Width Explanation), or empty. */
  label: string;
}

export interface VolumeDescription {
  /** Position in the series' volume list; the bulk route takes it. */
  index: number;
  /** [columns, rows, slices]; i fastest. */
  dimensions: Triple;
  spacing: Triple;
  /** Centre of voxel (0,0,0), LPS mm. */
  origin: Triple;
  /** Unit vectors of i, j, k in LPS, row-major: [i..., j..., k...]. */
  direction: [number, number, number, number, number, number, number, number, number];
  dtype: VolumeDtype;
  /** Range of stored values. */
  min: number;
  max: number;
  /** "b=1000 dir 3" etc.; empty for a plain 3-D series. */
  label: string;
  warnings: string[];
  /** Modality LUT: value = stored × slope + intercept. */
  rescale: { slope: number; intercept: number };
  windowPresets: WindowPresetValue[];
  /** True when voxels were interpolated (gantry tilt or irregular spacing). */
  resampled: boolean;
  /** Bytes the bulk route will send. */
  byteLength: number;
  /** Frame of Reference UID (PS3.3 C.7.4.1): series sharing it share patient coordinates, so the viewer may link them. */
  frameOfReferenceUID: string;
}

export const describeVolumesSchema = z.object({ seriesInstanceUID: uidSchema }).strict();

/** The bulk route's path for one volume (GET, token cookie, little-endian voxels). */
export const BULK_VOLUME_PREFIX = '/bulk/volume/';
export function bulkVolumePath(seriesInstanceUID: string, index: number): string {
  return `${BULK_VOLUME_PREFIX}${seriesInstanceUID}/${index}`;
}
