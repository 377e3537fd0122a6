// Window presets (centre / width) on the number keys. CT values in HU as commonly published
// (Radiopaedia "Windowing (CT)", doi:10.53347/rID-52108; Hofer, CT Teaching Manual): lung
// −600/1500, mediastinum 40/400, bone 400/1800, brain 40/80, stroke 40/40, abdomen 40/350,
// liver 60/150. Non-CT series get the presets from their own header (PS3.3 C.11.2.1.2), then
// the full stored range.
import type { MessageKey } from '../../../../electron/shared/i18n';
import type { VolumeDescription } from '../../../../electron/shared/volumes';

export interface WindowLevel {
  /** Modality units (HU for CT). */
  center: number;
  width: number;
}

export interface WindowPreset extends WindowLevel {
  id: string;
  /** Catalog key of the preset's name, or null when `label` (from the DICOM header) names it. */
  name: MessageKey | null;
  label: string;
}

export const CT_WINDOW_PRESETS: readonly WindowPreset[] = [
  { id: 'lung', name: 'viewer.preset.lung', label: '', center: -600, width: 1500 },
  { id: 'mediastinum', name: 'viewer.preset.mediastinum', label: '', center: 40, width: 400 },
  { id: 'bone', name: 'viewer.preset.bone', label: '', center: 400, width: 1800 },
  { id: 'brain', name: 'viewer.preset.brain', label: '', center: 40, width: 80 },
  { id: 'stroke', name: 'viewer.preset.stroke', label: '', center: 40, width: 40 },
  { id: 'abdomen', name: 'viewer.preset.abdomen', label: '', center: 40, width: 350 },
  { id: 'liver', name: 'viewer.preset.liver', label: '', center: 60, width: 150 },
];

/** Modality value of a stored value (PS3.3 C.11.1.1.2). */
export function toModality(stored: number, rescale: VolumeDescription['rescale']): number {
  return stored * rescale.slope + rescale.intercept;
}

/** The full range of the volume, in modality units. */
export function fullRangeWindow(volume: Pick<VolumeDescription, 'min' | 'max' | 'rescale'>): WindowLevel {
  const a = toModality(volume.min, volume.rescale);
  const b = toModality(volume.max, volume.rescale);
  return { center: (a + b) / 2, width: Math.max(1, Math.abs(b - a)) };
}

/** Presets 1–7 of a volume: the CT table for CT, else the header's presets then the full range. */
export function presetsFor(modality: string, volume: Pick<VolumeDescription, 'min' | 'max' | 'rescale' | 'windowPresets'>): WindowPreset[] {
  if (modality === 'CT') return [...CT_WINDOW_PRESETS];
  const fromHeader = volume.windowPresets.map(
    (p, i): WindowPreset => ({ id: `dicom-${i}`, name: null, label: p.label || `W${p.width} L${p.center}`, center: p.center, width: p.width }),
  );
  const full: WindowPreset = { id: 'full', name: 'viewer.preset.full', label: '', ...fullRangeWindow(volume) };
  return [...fromHeader, full].slice(0, 7);
}

/** vtk.js colour window / level act on stored values: convert from modality units. */
export function storedWindow(window: WindowLevel, rescale: VolumeDescription['rescale']): { colorWindow: number; colorLevel: number } {
  const slope = rescale.slope || 1;
  return { colorWindow: window.width / slope, colorLevel: (window.center - rescale.intercept) / slope };
}
