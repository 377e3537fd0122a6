// Viewport layouts as data (OHIF-style): a grid and, per cell, what the cell shows by default.
import type { MessageKey } from '../../../../electron/shared/i18n';
import type { SliceOrientation } from './slice-geometry';

export type ViewKind = SliceOrientation | 'volume3d';

export interface LayoutDefinition {
  id: LayoutId;
  name: MessageKey;
  rows: number;
  columns: number;
  /** Row-major cells; MPR layouts show one series in every cell. */
  cells: readonly ViewKind[];
  /** True when every cell shows the same volume, linked by the crosshair. */
  linked: boolean;
}

export const LAYOUTS = [
  { id: '1x1', name: 'viewer.layout.1x1', rows: 1, columns: 1, cells: ['stack'], linked: false },
  { id: '1x2', name: 'viewer.layout.1x2', rows: 1, columns: 2, cells: ['stack', 'stack'], linked: false },
  { id: '2x2', name: 'viewer.layout.2x2', rows: 2, columns: 2, cells: ['stack', 'stack', 'stack', 'stack'], linked: false },
  { id: 'mpr', name: 'viewer.layout.mpr', rows: 1, columns: 3, cells: ['axial', 'coronal', 'sagittal'], linked: true },
  { id: 'mpr3d', name: 'viewer.layout.mpr3d', rows: 2, columns: 2, cells: ['axial', 'volume3d', 'coronal', 'sagittal'], linked: true },
] as const satisfies readonly { id: string; name: MessageKey; rows: number; columns: number; cells: readonly ViewKind[]; linked: boolean }[];

export type LayoutId = (typeof LAYOUTS)[number]['id'];

export function layoutById(id: LayoutId): LayoutDefinition {
  return LAYOUTS.find((l) => l.id === id) as LayoutDefinition;
}

export function nextLayout(id: LayoutId): LayoutId {
  const index = LAYOUTS.findIndex((l) => l.id === id);
  return LAYOUTS[(index + 1) % LAYOUTS.length]!.id;
}
