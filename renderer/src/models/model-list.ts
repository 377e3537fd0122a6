// What the Models panel decides without React: whether a model's switch may be turned on, how
// the list cursor moves, how a hash and a label colour are shown. Unit-tested.
import type { InstalledModel, ModelLabel } from '../../../electron/shared/model-manifest';

export type EnableBlock = 'experimentalOff' | null;

/**
 * Why the enabled switch of a model cannot be turned on, or null. Turning one off is always
 * allowed. The core refuses the same case with EXPERIMENTAL_DISABLED (model-handlers.ts).
 */
export function enableBlock(model: InstalledModel, experimentalAllowed: boolean): EnableBlock {
  if (model.enabled) return null;
  return model.manifest.experimental && !experimentalAllowed ? 'experimentalOff' : null;
}

/** The list cursor after a key: arrows move and stop at the ends, Home/End jump; null for other keys. */
export function moveCursor(current: number, key: string, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, current + 1);
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** First 12 hex digits, enough to compare by eye with `yingdu models list`; the full hash goes in the tooltip. */
export const shortHash = (sha256: string): string => sha256.slice(0, 12);

export const cssColor = (label: ModelLabel): string => `rgb(${label.color[0]}, ${label.color[1]}, ${label.color[2]})`;

/** Labels the viewer draws (hidden ones, such as background, are not part of the legend). */
export const legendLabels = (model: InstalledModel): ModelLabel[] => model.manifest.labels.filter((l) => !l.hidden);

/** A stable key and test id for one installed version. */
export const modelKey = (model: InstalledModel): string => `${model.manifest.id}@${model.manifest.version}`;

/** Installed date in the reader's locale (date and minutes; the ISO text stays in the tooltip). */
export function formatInstalledAt(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}
