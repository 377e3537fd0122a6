// 3-D volume-rendering presets as data: colour and opacity transfer functions in modality units
// (HU for CT). Points follow 3D Slicer's VolumeRendering presets (CT-Bone, CT-Lung,
// CT-Soft-Tissue / CT-Muscle, MR-Default; Slicer/Modules/Loadable/VolumeRendering/Resources/presets.xml).
import type { MessageKey } from '../../../../electron/shared/i18n';

export interface VolumePreset {
  id: 'ct-bone' | 'ct-lung' | 'ct-soft' | 'mr-default';
  name: MessageKey;
  /** [value, r, g, b] with colour 0–1. */
  colors: readonly (readonly [number, number, number, number])[];
  /** [value, opacity]. For MR the values are fractions of the range (0–1), scaled at use. */
  opacity: readonly (readonly [number, number])[];
  relative: boolean;
}

export const VOLUME_PRESETS: readonly VolumePreset[] = [
  {
    id: 'ct-bone',
    name: 'viewer.volume.ctBone',
    colors: [[-3024, 0, 0, 0], [-16, 0.73, 0.25, 0.3], [641, 0.91, 0.82, 0.55], [3071, 1, 1, 1]],
    opacity: [[-3024, 0], [-16, 0], [641, 0.72], [3071, 0.71]],
    relative: false,
  },
  {
    id: 'ct-lung',
    name: 'viewer.volume.ctLung',
    colors: [[-1000, 0.3, 0.3, 1], [-600, 0, 0, 1], [-530, 0.13, 0.78, 0.07], [-460, 0.93, 1, 0.08], [-400, 0.88, 0.3, 0.31], [2952, 1, 0.31, 0.3]],
    opacity: [[-1000, 0], [-600, 0], [-599, 0.15], [-400, 0.15], [-399, 0], [2952, 0]],
    relative: false,
  },
  {
    id: 'ct-soft',
    name: 'viewer.volume.ctSoft',
    colors: [[-3024, 0, 0, 0], [-155, 0.55, 0.25, 0.15], [217, 0.88, 0.6, 0.29], [420, 1, 0.94, 0.95], [3071, 0.83, 0.66, 1]],
    opacity: [[-3024, 0], [-155, 0], [217, 0.68], [419, 0.83], [3071, 0.8]],
    relative: false,
  },
  {
    id: 'mr-default',
    name: 'viewer.volume.mrDefault',
    colors: [[0, 0, 0, 0], [0.2, 0.74, 0.39, 0.28], [0.6, 0.9, 0.8, 0.7], [1, 1, 1, 1]],
    opacity: [[0, 0], [0.12, 0], [0.35, 0.3], [1, 0.8]],
    relative: true,
  },
];

export function defaultVolumePreset(modality: string): VolumePreset['id'] {
  return modality === 'CT' ? 'ct-bone' : 'mr-default';
}
