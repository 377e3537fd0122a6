// Every keyboard shortcut of the workstation, as data. Components bind actions to these ids;
// the help overlay lists them; later a settings page rebinds them by id.
import type { MessageKey } from '../../../electron/shared/i18n';

export type ShortcutScope = 'global' | 'worklist' | 'viewer';

export interface ShortcutDefinition {
  id: string;
  /** KeyboardEvent.key values with modifiers, e.g. "?", "Escape", "Ctrl+L", "Alt+1". */
  keys: readonly string[];
  scope: ShortcutScope;
  description: MessageKey;
  /** Fire even while the focus is in a text field (only Escape-like keys). */
  inInputs?: boolean;
}

export const SHORTCUTS = [
  { id: 'app.help', keys: ['?'], scope: 'global', description: 'shortcut.help' },
  { id: 'app.about', keys: ['F1'], scope: 'global', description: 'shortcut.about' },
  { id: 'app.models', keys: ['Alt+M'], scope: 'global', description: 'shortcut.models' },
  { id: 'app.gotoWorklist', keys: ['Alt+1'], scope: 'global', description: 'shortcut.gotoWorklist' },
  { id: 'app.gotoViewer', keys: ['Alt+2'], scope: 'global', description: 'shortcut.gotoViewer' },
  { id: 'app.toggleLanguage', keys: ['Alt+L'], scope: 'global', description: 'shortcut.toggleLanguage' },
  { id: 'app.closeOverlay', keys: ['Escape'], scope: 'global', description: 'shortcut.closeOverlay', inInputs: true },
  { id: 'app.dismissError', keys: ['Alt+E'], scope: 'global', description: 'shortcut.dismissError' },
  // Worklist. In the search box ↓ and Enter first move the focus to the table (worklist-toolbar.tsx).
  { id: 'worklist.up', keys: ['ArrowUp'], scope: 'worklist', description: 'shortcut.worklistUp' },
  { id: 'worklist.down', keys: ['ArrowDown'], scope: 'worklist', description: 'shortcut.worklistDown' },
  { id: 'worklist.open', keys: ['Enter'], scope: 'worklist', description: 'shortcut.worklistOpen' },
  { id: 'worklist.search', keys: ['/'], scope: 'worklist', description: 'shortcut.worklistSearch' },
  { id: 'worklist.cyclePriority', keys: ['P'], scope: 'worklist', description: 'shortcut.worklistPriority' },
  { id: 'worklist.toggleRead', keys: ['U'], scope: 'worklist', description: 'shortcut.worklistRead' },
  { id: 'worklist.pageUp', keys: ['PageUp'], scope: 'worklist', description: 'shortcut.worklistPageUp' },
  { id: 'worklist.pageDown', keys: ['PageDown'], scope: 'worklist', description: 'shortcut.worklistPageDown' },
  { id: 'worklist.first', keys: ['Home'], scope: 'worklist', description: 'shortcut.worklistFirst' },
  { id: 'worklist.last', keys: ['End'], scope: 'worklist', description: 'shortcut.worklistLast' },
  { id: 'viewer.aiOverlays', keys: ['Shift+A'], scope: 'viewer', description: 'shortcut.viewer.aiOverlays' },
  { id: 'viewer.nextFinding', keys: ['N'], scope: 'viewer', description: 'shortcut.viewer.nextFinding' },
  { id: 'viewer.prevFinding', keys: ['Shift+N'], scope: 'viewer', description: 'shortcut.viewer.prevFinding' },
  { id: 'viewer.prevSlice', keys: ['ArrowUp'], scope: 'viewer', description: 'shortcut.viewer.prevSlice' },
  { id: 'viewer.nextSlice', keys: ['ArrowDown'], scope: 'viewer', description: 'shortcut.viewer.nextSlice' },
  { id: 'viewer.pageUp', keys: ['PageUp'], scope: 'viewer', description: 'shortcut.viewer.pageUp' },
  { id: 'viewer.pageDown', keys: ['PageDown'], scope: 'viewer', description: 'shortcut.viewer.pageDown' },
  { id: 'viewer.firstSlice', keys: ['Home'], scope: 'viewer', description: 'shortcut.viewer.firstSlice' },
  { id: 'viewer.lastSlice', keys: ['End'], scope: 'viewer', description: 'shortcut.viewer.lastSlice' },
  { id: 'viewer.preset1', keys: ['1'], scope: 'viewer', description: 'shortcut.viewer.preset' },
  { id: 'viewer.preset2', keys: ['2'], scope: 'viewer', description: 'shortcut.viewer.preset' },
  { id: 'viewer.preset3', keys: ['3'], scope: 'viewer', description: 'shortcut.viewer.preset' },
  { id: 'viewer.preset4', keys: ['4'], scope: 'viewer', description: 'shortcut.viewer.preset' },
  { id: 'viewer.preset5', keys: ['5'], scope: 'viewer', description: 'shortcut.viewer.preset' },
  { id: 'viewer.preset6', keys: ['6'], scope: 'viewer', description: 'shortcut.viewer.preset' },
  { id: 'viewer.preset7', keys: ['7'], scope: 'viewer', description: 'shortcut.viewer.preset' },
  { id: 'viewer.fit', keys: ['F'], scope: 'viewer', description: 'shortcut.viewer.fit' },
  { id: 'viewer.oneToOne', keys: ['Shift+F'], scope: 'viewer', description: 'shortcut.viewer.oneToOne' },
  { id: 'viewer.invert', keys: ['I'], scope: 'viewer', description: 'shortcut.viewer.invert' },
  { id: 'viewer.rotateRight', keys: ['R'], scope: 'viewer', description: 'shortcut.viewer.rotateRight' },
  { id: 'viewer.rotateLeft', keys: ['Shift+R'], scope: 'viewer', description: 'shortcut.viewer.rotateLeft' },
  { id: 'viewer.flipHorizontal', keys: ['H'], scope: 'viewer', description: 'shortcut.viewer.flipHorizontal' },
  { id: 'viewer.flipVertical', keys: ['V'], scope: 'viewer', description: 'shortcut.viewer.flipVertical' },
  { id: 'viewer.cine', keys: ['C'], scope: 'viewer', description: 'shortcut.viewer.cine' },
  { id: 'viewer.reset', keys: ['Backspace'], scope: 'viewer', description: 'shortcut.viewer.reset' },
  { id: 'viewer.toolCrosshair', keys: ['X'], scope: 'viewer', description: 'shortcut.viewer.toolCrosshair' },
  { id: 'viewer.toolWindowLevel', keys: ['W'], scope: 'viewer', description: 'shortcut.viewer.toolWindowLevel' },
  { id: 'viewer.toolPan', keys: ['P'], scope: 'viewer', description: 'shortcut.viewer.toolPan' },
  { id: 'viewer.toolZoom', keys: ['Z'], scope: 'viewer', description: 'shortcut.viewer.toolZoom' },
  { id: 'viewer.toolLength', keys: ['M'], scope: 'viewer', description: 'shortcut.viewer.toolLength' },
  { id: 'viewer.toolRectangle', keys: ['O'], scope: 'viewer', description: 'shortcut.viewer.toolRectangle' },
  { id: 'viewer.toolEllipse', keys: ['E'], scope: 'viewer', description: 'shortcut.viewer.toolEllipse' },
  { id: 'viewer.toolAngle', keys: ['A'], scope: 'viewer', description: 'shortcut.viewer.toolAngle' },
  { id: 'viewer.toolDrawFinding', keys: ['D'], scope: 'viewer', description: 'shortcut.viewer.toolDrawFinding' },
  { id: 'viewer.deleteMeasurement', keys: ['Shift+Delete'], scope: 'viewer', description: 'shortcut.viewer.deleteMeasurement' },
  { id: 'viewer.clearMeasurements', keys: ['Delete'], scope: 'viewer', description: 'shortcut.viewer.clearMeasurements' },
  { id: 'viewer.nextLayout', keys: ['L'], scope: 'viewer', description: 'shortcut.viewer.nextLayout' },
  { id: 'viewer.toggle3d', keys: ['T'], scope: 'viewer', description: 'shortcut.viewer.toggle3d' },
  { id: 'viewer.slabMode', keys: ['S'], scope: 'viewer', description: 'shortcut.viewer.slabMode' },
  { id: 'viewer.slabThicker', keys: [']'], scope: 'viewer', description: 'shortcut.viewer.slabThicker' },
  { id: 'viewer.slabThinner', keys: ['['], scope: 'viewer', description: 'shortcut.viewer.slabThinner' },
  { id: 'viewer.turnPlanesLeft', keys: [','], scope: 'viewer', description: 'shortcut.viewer.turnPlanesLeft' },
  { id: 'viewer.turnPlanesRight', keys: ['.'], scope: 'viewer', description: 'shortcut.viewer.turnPlanesRight' },
  { id: 'viewer.linkSeries', keys: ['K'], scope: 'viewer', description: 'shortcut.viewer.linkSeries' },
  { id: 'viewer.nextVolume', keys: ['ArrowRight'], scope: 'viewer', description: 'shortcut.viewer.nextVolume' },
  { id: 'viewer.prevVolume', keys: ['ArrowLeft'], scope: 'viewer', description: 'shortcut.viewer.prevVolume' },
  // Review form (#6): Alt chords so they never collide with the viewer's single-letter tools.
  { id: 'review.next', keys: ['Alt+ArrowDown'], scope: 'viewer', description: 'shortcut.review.next' },
  { id: 'review.prev', keys: ['Alt+ArrowUp'], scope: 'viewer', description: 'shortcut.review.prev' },
  { id: 'review.accept', keys: ['Alt+A'], scope: 'viewer', description: 'shortcut.review.accept' },
  { id: 'review.reject', keys: ['Alt+R'], scope: 'viewer', description: 'shortcut.review.reject' },
  { id: 'review.edit', keys: ['Alt+D'], scope: 'viewer', description: 'shortcut.review.edit' },
  { id: 'review.undo', keys: ['Alt+Z'], scope: 'viewer', description: 'shortcut.review.undo' },
  // The box of the finding selected for editing, in the active view's plane (Ctrl: the bare arrows scroll slices and volumes).
  { id: 'review.boxLeft', keys: ['Ctrl+ArrowLeft'], scope: 'viewer', description: 'shortcut.review.boxLeft' },
  { id: 'review.boxRight', keys: ['Ctrl+ArrowRight'], scope: 'viewer', description: 'shortcut.review.boxRight' },
  { id: 'review.boxUp', keys: ['Ctrl+ArrowUp'], scope: 'viewer', description: 'shortcut.review.boxUp' },
  { id: 'review.boxDown', keys: ['Ctrl+ArrowDown'], scope: 'viewer', description: 'shortcut.review.boxDown' },
  { id: 'review.boxLeftFar', keys: ['Ctrl+Shift+ArrowLeft'], scope: 'viewer', description: 'shortcut.review.boxLeftFar' },
  { id: 'review.boxRightFar', keys: ['Ctrl+Shift+ArrowRight'], scope: 'viewer', description: 'shortcut.review.boxRightFar' },
  { id: 'review.boxUpFar', keys: ['Ctrl+Shift+ArrowUp'], scope: 'viewer', description: 'shortcut.review.boxUpFar' },
  { id: 'review.boxDownFar', keys: ['Ctrl+Shift+ArrowDown'], scope: 'viewer', description: 'shortcut.review.boxDownFar' },
  { id: 'review.boxWider', keys: ['Ctrl+Alt+ArrowRight'], scope: 'viewer', description: 'shortcut.review.boxWider' },
  { id: 'review.boxNarrower', keys: ['Ctrl+Alt+ArrowLeft'], scope: 'viewer', description: 'shortcut.review.boxNarrower' },
  { id: 'review.boxTaller', keys: ['Ctrl+Alt+ArrowUp'], scope: 'viewer', description: 'shortcut.review.boxTaller' },
  { id: 'review.boxShorter', keys: ['Ctrl+Alt+ArrowDown'], scope: 'viewer', description: 'shortcut.review.boxShorter' },
] as const satisfies readonly ShortcutDefinition[];

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];
