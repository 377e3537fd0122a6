import { describe, expect, it, vi } from 'vitest';
import { chordOf, normaliseChord } from '../../../renderer/src/shortcuts/key-chord';
import { SHORTCUTS } from '../../../renderer/src/shortcuts/shortcut-definitions';
import { ShortcutRegistry } from '../../../renderer/src/shortcuts/shortcut-registry';

const key = (k: string, mods: Partial<{ ctrl: boolean; alt: boolean; shift: boolean; meta: boolean; code: string }> = {}) => ({
  key: k,
  code: mods.code,
  ctrlKey: !!mods.ctrl,
  altKey: !!mods.alt,
  shiftKey: !!mods.shift,
  metaKey: !!mods.meta,
});

describe('key chords', () => {
  it('names chords the way definitions write them', () => {
    expect(chordOf(key('?', { shift: true }))).toBe('?');
    expect(chordOf(key('l', { alt: true, code: 'KeyL' }))).toBe('Alt+L');
    expect(chordOf(key('¬', { alt: true, code: 'KeyL' }))).toBe('Alt+L'); // macOS Alt+L
    expect(chordOf(key('ArrowDown'))).toBe('ArrowDown');
    expect(chordOf(key('P', { shift: true }))).toBe('Shift+P');
    expect(chordOf(key('k', { ctrl: true, shift: true }))).toBe('Ctrl+Shift+K');
    expect(chordOf(key('1', { alt: true, code: 'Digit1' }))).toBe('Alt+1');
    expect(normaliseChord('alt+l')).toBe('Alt+L');
    expect(normaliseChord('shift+ctrl+k')).toBe('Ctrl+Shift+K');
  });
});

describe('shortcut registry', () => {
  it('has unique ids and no chord bound twice in overlapping scopes', () => {
    const ids = SHORTCUTS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const seen = new Map<string, string>();
    for (const def of SHORTCUTS) {
      for (const chord of def.keys) {
        for (const scope of def.scope === 'global' ? ['global', 'worklist', 'viewer'] : [def.scope, 'global']) {
          const slot = `${scope}:${normaliseChord(chord)}`;
          expect(seen.get(slot), `${def.id} reuses ${chord} of ${seen.get(slot)}`).toBeUndefined();
        }
        seen.set(`${def.scope}:${normaliseChord(chord)}`, def.id);
      }
    }
  });

  it('runs the most recently registered action and restores the previous one on unregister', () => {
    const registry = new ShortcutRegistry();
    const first = vi.fn();
    const second = vi.fn();
    registry.register('app.help', first);
    const off = registry.register('app.help', second);
    expect(registry.handle(key('?'), 'worklist', false)).toBe(true);
    expect(second).toHaveBeenCalledOnce();
    off();
    registry.handle(key('?'), 'worklist', false);
    expect(first).toHaveBeenCalledOnce();
  });

  it('ignores shortcuts while typing, except those marked for inputs', () => {
    const registry = new ShortcutRegistry();
    const help = vi.fn();
    const close = vi.fn();
    registry.register('app.help', help);
    registry.register('app.closeOverlay', close);
    expect(registry.handle(key('?'), 'worklist', true)).toBe(false);
    expect(registry.handle(key('Escape'), 'worklist', true)).toBe(true);
    expect(help).not.toHaveBeenCalled();
    expect(close).toHaveBeenCalledOnce();
  });

  it('respects scopes', () => {
    const registry = new ShortcutRegistry([
      { id: 'viewer.only', keys: ['X'], scope: 'viewer', description: 'shortcut.help' },
    ]);
    const action = vi.fn();
    registry.register('viewer.only', action);
    expect(registry.handle(key('x'), 'worklist', false)).toBe(false);
    expect(registry.handle(key('x'), 'viewer', false)).toBe(true);
  });
});
