// Diffusion b-value and gradient direction of one frame. The standard attributes (PS3.3
// C.8.13.5.9 MR Diffusion macro, also used in classic MR images) come first; vendors that
// leave them empty carry the values in private elements, as dcm2niix reads them.
import { type DicomDict, item, number, numbers, privateNumbers, text } from './dicom-dataset';
import { type Vec3, toVec3 } from './vector-math';

export interface Diffusion {
  bValue: number;
  /** Unit gradient direction, or null for b=0 / isotropic (trace) images. */
  direction: Vec3 | null;
  /** True when `direction` is in patient LPS; false for GE's image-frame gradients. */
  directionInPatient: boolean;
}

const B_VALUE = '00189087';
const DIRECTIONALITY = '00189075';
const GRADIENT_DIRECTION_SEQUENCE = '00189076';
const GRADIENT_ORIENTATION = '00189089';

/** `diffusionItem`: the frame's MR Diffusion Sequence (0018,9117) item, for enhanced objects. */
export function readDiffusion(dict: DicomDict, diffusionItem?: DicomDict): Diffusion | null {
  const macro = diffusionItem ?? dict;
  const standard = standardDiffusion(macro);
  if (standard) return standard;
  return philipsDiffusion(dict) ?? siemensDiffusion(dict) ?? geDiffusion(dict);
}

function standardDiffusion(macro: DicomDict): Diffusion | null {
  const bValue = number(macro, B_VALUE);
  if (bValue === null) return null;
  const directionality = text(macro, DIRECTIONALITY).toUpperCase();
  const gradient = item(macro, GRADIENT_DIRECTION_SEQUENCE) ?? macro;
  // Philips writes NONE even on directional images, so only ISOTROPIC (trace) and b=0 mean "no direction".
  const direction = bValue === 0 || directionality === 'ISOTROPIC' ? null : unit(numbers(gradient, GRADIENT_ORIENTATION));
  return { bValue, direction, directionInPatient: true };
}

/** Philips: (2001,xx03) b-factor, (2005,xxB0..B2) direction RL/AP/FH in patient LPS. */
function philipsDiffusion(dict: DicomDict): Diffusion | null {
  const b = privateNumbers(dict, '2001', 'Philips Imaging DD 001', '03')[0];
  if (b === undefined) return null;
  const creator = 'Philips MR Imaging DD 001';
  const xyz = ['B0', 'B1', 'B2'].map((e) => privateNumbers(dict, '2005', creator, e)[0]);
  return { bValue: b, direction: b === 0 ? null : unit(xyz.every((v) => v !== undefined) ? (xyz as number[]) : []), directionInPatient: true };
}

/** Siemens: (0019,xx0C) B_value, (0019,xx0E) DiffusionGradientDirection (LPS). */
function siemensDiffusion(dict: DicomDict): Diffusion | null {
  const creator = 'SIEMENS MR HEADER';
  const b = privateNumbers(dict, '0019', creator, '0C')[0];
  if (b === undefined) return null;
  return { bValue: b, direction: b === 0 ? null : unit(privateNumbers(dict, '0019', creator, '0E')), directionInPatient: true };
}

/**
 * GE: b-value is the first value of (0043,xx39) slop_int_6 (values above 1e9 carry a flag in the
 * high digits, as dcm2niix strips); gradients (0019,xxBB..BD) are in the image frame, so they are
 * kept only to tell directions apart, not as patient-space vectors.
 */
function geDiffusion(dict: DicomDict): Diffusion | null {
  const raw = privateNumbers(dict, '0043', 'GEMS_PARM_01', '39')[0];
  if (raw === undefined) return null;
  const bValue = raw > 1e9 ? raw % 1e9 : raw;
  const xyz = ['BB', 'BC', 'BD'].map((e) => privateNumbers(dict, '0019', 'GEMS_ACQU_01', e)[0]);
  return { bValue, direction: bValue === 0 ? null : unit(xyz.every((v) => v !== undefined) ? (xyz as number[]) : []), directionInPatient: false };
}

function unit(values: number[]): Vec3 | null {
  const v = toVec3(values);
  if (!v) return null;
  const length = Math.hypot(...v);
  return length > 1e-6 ? [v[0] / length, v[1] / length, v[2] / length] : null;
}
