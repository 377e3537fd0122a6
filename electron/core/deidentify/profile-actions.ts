// Which PS3.15 Table E.1-1 row applies to an attribute, and which single action its Basic
// Profile entry means for this object. Combinations ("X/Z", "X/D", "Z/D", "X/Z/D", "X/Z/U*") mean
// "the first, unless the IOD needs more" (PS3.15 E.1.1): X unless the attribute is Type 2 (then Z)
// or Type 1 (then D, or U for UID references). The Types below are those of the IODs this
// workstation reads and writes, from PS3.3; everything else resolves to the first action.
import { CONFIDENTIALITY_PROFILE } from './confidentiality-profile-table';
import type { ProfileAction, ProfileRow } from './profile-row';

const BY_TAG = new Map<string, ProfileRow>(CONFIDENTIALITY_PROFILE.filter((r) => /^[0-9a-f]{8}$/.test(r.id)).map((r) => [r.id.toUpperCase(), r]));
const CURVE_DATA = rowById('50xxxxxx');
const OVERLAY_DATA = rowById('60xx3000');
const OVERLAY_COMMENTS = rowById('60xx4000');
const PRIVATE_ATTRIBUTES = rowById('ggggeeee-where-gggg-is-odd');

function rowById(id: string): ProfileRow {
  const row = CONFIDENTIALITY_PROFILE.find((r) => r.id === id);
  if (!row) throw new Error(`confidentiality profile table lacks row ${id}`);
  return row;
}

/** The row for a tag ("00100010", upper- or lower-case), masks and private attributes included. */
export function profileRowFor(tag: string): ProfileRow | undefined {
  const upper = tag.toUpperCase();
  const group = Number.parseInt(upper.slice(0, 4), 16);
  if (group % 2 === 1) return PRIVATE_ATTRIBUTES;
  // Repeating groups (PS3.5 §7.6): curves 5000–501E, overlays 6000–601E, even groups only.
  if (group >= 0x5000 && group <= 0x501e) return CURVE_DATA;
  if (group >= 0x6000 && group <= 0x601e) {
    if (upper.endsWith('3000')) return OVERLAY_DATA;
    if (upper.endsWith('4000')) return OVERLAY_COMMENTS;
    return undefined;
  }
  return BY_TAG.get(upper);
}

const SEG = '1.2.840.10008.5.1.4.1.1.66.4';
const PARAMETRIC_MAP = '1.2.840.10008.5.1.4.1.1.30';
const ENHANCED_CT = '1.2.840.10008.5.1.4.1.1.2.1';
const ENHANCED_MR = '1.2.840.10008.5.1.4.1.1.4.1';
const ENHANCED_MR_COLOR = '1.2.840.10008.5.1.4.1.1.4.3';
const ENCAPSULATED_PDF = '1.2.840.10008.5.1.4.1.1.104.1';
const SR_PREFIX = '1.2.840.10008.5.1.4.1.1.88.';
const REAL_WORLD_VALUE_MAPPING = '1.2.840.10008.5.1.4.1.1.67';
const GRAYSCALE_PRESENTATION_STATE = '1.2.840.10008.5.1.4.1.1.11.1';
const RT_PREFIX = '1.2.840.10008.5.1.4.1.1.481.';
const RT_PLAN = '1.2.840.10008.5.1.4.1.1.481.5';
/** IODs with the Enhanced General Equipment Module (PS3.3 C.7.5.2): Device Serial Number is Type 1. */
const ENHANCED_EQUIPMENT = new Set([SEG, PARAMETRIC_MAP, ENHANCED_CT, ENHANCED_MR, ENHANCED_MR_COLOR]);
/** IODs whose frames reference their sources through Derivation Image Sequence > Source Image Sequence (Type 1). */
const DERIVED_MULTIFRAME = new Set([SEG, PARAMETRIC_MAP]);
/** IODs where Content Date/Time are Type 1 (SR Document General C.17.2, Segmentation C.8.20.2, Encapsulated Document C.24.2). */
const CONTENT_DATE_TYPE_1 = (sopClassUID: string) =>
  sopClassUID.startsWith(SR_PREFIX) ||
  sopClassUID === ENCAPSULATED_PDF ||
  sopClassUID === REAL_WORLD_VALUE_MAPPING ||
  ENHANCED_EQUIPMENT.has(sopClassUID);

type Requirement = (sopClassUID: string) => 1 | 2 | 3;

const IOD_TYPE: Record<string, Requirement> = {
  '00080023': (s) => (CONTENT_DATE_TYPE_1(s) ? 1 : 2),
  '00080033': (s) => (CONTENT_DATE_TYPE_1(s) ? 1 : 2),
  '00181000': (s) => (ENHANCED_EQUIPMENT.has(s) ? 1 : 3),
  // Acquisition DateTime is Type 1C in the enhanced image modules (C.7.6.16.2.2).
  '0008002A': (s) => (s === ENHANCED_CT || s === ENHANCED_MR || s === ENHANCED_MR_COLOR ? 1 : 3),
  '00082112': (s) => (DERIVED_MULTIFRAME.has(s) ? 1 : 3),
  // Referenced Image Sequence: Type 1 in Real World Value Mapping (C.7.6.16.2.11) and presentation states (C.11.11).
  '00081140': (s) => (s === REAL_WORLD_VALUE_MAPPING || s === GRAYSCALE_PRESENTATION_STATE ? 1 : 3),
  // Referenced Performed Procedure Step Sequence: Type 2 in the SR Document Series Module (C.17.1).
  '00081111': (s) => (s.startsWith(SR_PREFIX) ? 2 : 3),
  // Acquisition Context Sequence is Type 2 wherever its module is included (C.7.6.14).
  '00400555': () => 2,
  // RT Series Operators' Name (C.8.8.1) and RT General Plan date/time (C.8.8.9) are Type 2.
  '00081070': (s) => (s.startsWith(RT_PREFIX) ? 2 : 3),
  '300A0006': (s) => (s === RT_PLAN ? 2 : 3),
  '300A0007': (s) => (s === RT_PLAN ? 2 : 3),
  '300A00B2': (s) => (s === RT_PLAN ? 2 : 3),
  // Patient ID, Content Creator's Name, Contrast/Bolus Agent: Type 2 where present (C.7.1.1, C.10.9, C.7.6.4).
  '00100020': () => 2,
  '00700084': () => 2,
  '00180010': () => 2,
};

/** The single action for a row in an object of this SOP Class. */
export function resolveAction(row: ProfileRow, sopClassUID: string): ProfileAction {
  const choices = row.basicProfile.split('/').map((c) => c.replace('*', '')) as ProfileAction[];
  const first = choices[0] ?? 'X';
  if (choices.length === 1) return first;
  const type = IOD_TYPE[row.id.toUpperCase()]?.(sopClassUID) ?? 3;
  if (type === 1) {
    if (choices.includes('U')) return 'U';
    if (choices.includes('D')) return 'D';
  }
  if (type <= 2 && choices.includes('Z')) return 'Z';
  // Type 2 but the row offers no Z (e.g. RT Plan Date, X/D): present with a dummy value.
  if (type <= 2 && choices.includes('D')) return 'D';
  return first;
}
