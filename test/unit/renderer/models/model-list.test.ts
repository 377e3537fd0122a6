// The Models panel's decisions: when the enabled switch is locked, how the keyboard cursor moves.
import { describe, expect, it } from 'vitest';
import type { InstalledModel } from '../../../../electron/shared/model-manifest';
import { enableBlock, legendLabels, moveCursor, shortHash } from '../../../../renderer/src/models/model-list';

const model = (experimental: boolean, enabled: boolean): InstalledModel =>
  ({
    manifest: {
      experimental,
      sha256: 'ab'.repeat(32),
      labels: [
        { index: 0, key: 'bg', name: { en: 'Background', 'zh-CN': '背景' }, color: [0, 0, 0], hidden: true },
        { index: 1, key: 'lesion', name: { en: 'Lesion', 'zh-CN': '病灶' }, color: [255, 0, 0], hidden: false },
      ],
    },
    card: '',
    installedAt: '2026-01-01T00:00:00.000Z',
    enabled,
  }) as unknown as InstalledModel;

describe('models list', () => {
  it('locks switching an experimental model on while experimental models are off, never switching one off', () => {
    expect(enableBlock(model(true, false), false)).toBe('experimentalOff');
    expect(enableBlock(model(true, false), true)).toBeNull();
    expect(enableBlock(model(true, true), false)).toBeNull();
    expect(enableBlock(model(false, false), false)).toBeNull();
  });

  it('moves the cursor with arrows, stops at the ends, jumps with Home/End, ignores other keys', () => {
    expect(moveCursor(0, 'ArrowDown', 3)).toBe(1);
    expect(moveCursor(2, 'ArrowDown', 3)).toBe(2);
    expect(moveCursor(0, 'ArrowUp', 3)).toBe(0);
    expect(moveCursor(1, 'End', 3)).toBe(2);
    expect(moveCursor(2, 'Home', 3)).toBe(0);
    expect(moveCursor(1, 'Enter', 3)).toBeNull();
    expect(moveCursor(0, 'ArrowDown', 0)).toBeNull();
  });

  it('shows a short hash and only the drawn labels in the legend', () => {
    expect(shortHash('ab'.repeat(32))).toBe('abababababab');
    expect(legendLabels(model(false, true)).map((l) => l.key)).toEqual(['lesion']);
  });
});
