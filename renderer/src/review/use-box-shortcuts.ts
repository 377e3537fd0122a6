// Keyboard editing of the box selected for review editing (keyboard-first reading): Ctrl+arrows
// move it 1 mm in the active view's plane, Ctrl+Shift+arrows 5 mm, Ctrl+Alt+arrows move its
// right/top edge (resize). Each press stores one edit event. Bindings are data
// (shortcut-definitions.ts), so the reader can rebind them like every other shortcut.
import { useMemo } from 'react';
import { useShortcut } from '../shortcuts/shortcut-context';
import type { ShortcutId } from '../shortcuts/shortcut-definitions';
import type { ViewerEngine } from '../viewer/engine/viewer-engine';

const NUDGES: readonly [ShortcutId, 'move' | 'resize', number, number][] = [
  ['review.boxLeft', 'move', -1, 0],
  ['review.boxRight', 'move', 1, 0],
  ['review.boxUp', 'move', 0, 1],
  ['review.boxDown', 'move', 0, -1],
  ['review.boxLeftFar', 'move', -5, 0],
  ['review.boxRightFar', 'move', 5, 0],
  ['review.boxUpFar', 'move', 0, 5],
  ['review.boxDownFar', 'move', 0, -5],
  ['review.boxWider', 'resize', 1, 0],
  ['review.boxNarrower', 'resize', -1, 0],
  ['review.boxTaller', 'resize', 0, 1],
  ['review.boxShorter', 'resize', 0, -1],
];

export function useBoxShortcuts(engine: ViewerEngine, enabled: boolean): void {
  const actions = useMemo(() => NUDGES.map(([id, kind, right, up]) => [id, () => engine.nudgeFinding(kind, right, up)] as const), [engine]);
  // A fixed-length table: the hooks run in the same order on every render.
  for (const [id, action] of actions) useShortcut(id, action, enabled);
}
