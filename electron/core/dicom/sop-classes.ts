// SOP Classes the worklist names (PS3.4 Annex B.5 / PS3.6 Annex A): a short name and the kind
// of object, so the worklist can show "SR" or "SEG" and the viewer knows what it can display.
// An unknown class is kept as is (its UID is stored), shown as kind 'other'.

export type SopClassKind = 'image' | 'sr' | 'seg' | 'pdf' | 'rt' | 'kos' | 'pr' | 'other';

export interface SopClassInfo {
  uid: string;
  name: string;
  kind: SopClassKind;
}

const P = '1.2.840.10008.5.1.4.1.1.';

const TABLE: Array<[uid: string, name: string, kind: SopClassKind]> = [
  [`${P}1`, 'CR', 'image'],
  [`${P}1.1`, 'DX', 'image'],
  [`${P}1.1.1`, 'DX (processing)', 'image'],
  [`${P}1.2`, 'MG', 'image'],
  [`${P}1.2.1`, 'MG (processing)', 'image'],
  [`${P}1.3`, 'IO', 'image'],
  [`${P}2`, 'CT', 'image'],
  [`${P}2.1`, 'Enhanced CT', 'image'],
  [`${P}2.2`, 'Legacy Enhanced CT', 'image'],
  [`${P}3.1`, 'US Multi-frame', 'image'],
  [`${P}4`, 'MR', 'image'],
  [`${P}4.1`, 'Enhanced MR', 'image'],
  [`${P}4.2`, 'MR Spectroscopy', 'other'],
  [`${P}4.3`, 'Enhanced MR Color', 'image'],
  [`${P}4.4`, 'Legacy Enhanced MR', 'image'],
  [`${P}6.1`, 'US', 'image'],
  [`${P}6.2`, 'Enhanced US Volume', 'image'],
  [`${P}7`, 'Secondary Capture', 'image'],
  [`${P}7.1`, 'SC Multi-frame Single Bit', 'image'],
  [`${P}7.2`, 'SC Multi-frame Grayscale Byte', 'image'],
  [`${P}7.3`, 'SC Multi-frame Grayscale Word', 'image'],
  [`${P}7.4`, 'SC Multi-frame True Color', 'image'],
  [`${P}11.1`, 'Grayscale Presentation State', 'pr'],
  [`${P}11.2`, 'Color Presentation State', 'pr'],
  [`${P}11.3`, 'Pseudo-Color Presentation State', 'pr'],
  [`${P}11.4`, 'Blending Presentation State', 'pr'],
  [`${P}12.1`, 'XA', 'image'],
  [`${P}12.1.1`, 'Enhanced XA', 'image'],
  [`${P}12.2`, 'XRF', 'image'],
  [`${P}13.1.1`, 'X-Ray 3D Angiographic', 'image'],
  [`${P}13.1.3`, 'Breast Tomosynthesis', 'image'],
  [`${P}20`, 'NM', 'image'],
  [`${P}30`, 'Parametric Map', 'image'],
  [`${P}66`, 'Raw Data', 'other'],
  [`${P}66.1`, 'Spatial Registration', 'other'],
  [`${P}66.2`, 'Spatial Fiducials', 'other'],
  [`${P}66.4`, 'SEG', 'seg'],
  [`${P}66.5`, 'Surface Segmentation', 'seg'],
  [`${P}67`, 'Real World Value Mapping', 'other'],
  [`${P}77.1.1`, 'VL Endoscopic', 'image'],
  [`${P}77.1.2`, 'VL Microscopic', 'image'],
  [`${P}77.1.4`, 'VL Photographic', 'image'],
  [`${P}77.1.5.1`, 'Ophthalmic Photography 8 Bit', 'image'],
  [`${P}77.1.6`, 'VL Whole Slide Microscopy', 'image'],
  [`${P}88.11`, 'Basic Text SR', 'sr'],
  [`${P}88.22`, 'Enhanced SR', 'sr'],
  [`${P}88.33`, 'Comprehensive SR', 'sr'],
  [`${P}88.34`, 'Comprehensive 3D SR', 'sr'],
  [`${P}88.35`, 'Extensible SR', 'sr'],
  [`${P}88.40`, 'Procedure Log', 'sr'],
  [`${P}88.50`, 'Mammography CAD SR', 'sr'],
  [`${P}88.59`, 'Key Object Selection', 'kos'],
  [`${P}88.65`, 'Chest CAD SR', 'sr'],
  [`${P}88.67`, 'X-Ray Radiation Dose SR', 'sr'],
  [`${P}88.68`, 'Radiopharmaceutical Radiation Dose SR', 'sr'],
  [`${P}88.69`, 'Colon CAD SR', 'sr'],
  [`${P}88.71`, 'Acquisition Context SR', 'sr'],
  [`${P}88.73`, 'Patient Radiation Dose SR', 'sr'],
  [`${P}88.74`, 'Planned Imaging Agent Administration SR', 'sr'],
  [`${P}88.75`, 'Performed Imaging Agent Administration SR', 'sr'],
  [`${P}104.1`, 'Encapsulated PDF', 'pdf'],
  [`${P}104.2`, 'Encapsulated CDA', 'other'],
  [`${P}104.3`, 'Encapsulated STL', 'other'],
  [`${P}128`, 'PET', 'image'],
  [`${P}130`, 'Enhanced PET', 'image'],
  [`${P}128.1`, 'Legacy Enhanced PET', 'image'],
  [`${P}481.1`, 'RT Image', 'rt'],
  [`${P}481.2`, 'RT Dose', 'rt'],
  [`${P}481.3`, 'RT Structure Set', 'rt'],
  [`${P}481.4`, 'RT Beams Treatment Record', 'rt'],
  [`${P}481.5`, 'RT Plan', 'rt'],
  [`${P}481.6`, 'RT Brachy Treatment Record', 'rt'],
  [`${P}481.7`, 'RT Treatment Summary Record', 'rt'],
  [`${P}481.8`, 'RT Ion Plan', 'rt'],
  [`${P}481.9`, 'RT Ion Beams Treatment Record', 'rt'],
  ['1.2.840.10008.1.3.10', 'DICOMDIR', 'other'],
];

const BY_UID = new Map(TABLE.map(([uid, name, kind]) => [uid, { uid, name, kind }]));

/** The short name and kind of a SOP Class; unknown classes come back as kind 'other' named by their UID. */
export function describeSopClass(uid: string): SopClassInfo {
  return BY_UID.get(uid) ?? { uid, name: uid, kind: 'other' };
}

/** The table as written (a duplicate UID would show here, not be silently merged). */
export const SOP_CLASSES: readonly SopClassInfo[] = TABLE.map(([uid, name, kind]) => ({ uid, name, kind }));
