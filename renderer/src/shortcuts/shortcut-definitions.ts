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
] as const satisfies readonly ShortcutDefinition[];

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];
