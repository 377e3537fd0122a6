import { describe, expect, it, vi } from 'vitest';
import { effectiveKeys, findConflict, isModifierOnly, knownOverrides, rebind, resetBinding } from '../../../renderer/src/shortcuts/shortcut-bindings';
import { SHORTCUTS, type ShortcutDefinition } from '../../../renderer/src/shortcuts/shortcut-definitions';
import { ShortcutRegistry } from '../../../renderer/src/shortcuts/shortcut-registry';

const key = (k: string, shift = false) => ({ key: k, ctrlKey: false, altKey: false, shiftKey: shift, metaKey: false });
const byId = (id: string) => SHORTCUTS.find((d) => d.id === id)! as ShortcutDefinition;

describe('rebinding shortcuts', () => {
  it('replaces the default keys of one shortcut, and drops the override when the default is chosen again', () => {
    const o = rebind(SHORTCUTS, {}, 'viewer.invert', 'shift+j');
    expect(o).toEqual({ 'viewer.invert': ['Shift+J'] });
    expect(effectiveKeys(byId('viewer.invert'), o)).toEqual(['Shift+J']);
    expect(effectiveKeys(byId('viewer.fit'), o)).toEqual(['F']);
    expect(rebind(SHORTCUTS, o, 'viewer.invert', 'I')).toEqual({});
    expect(resetBinding(o, 'viewer.invert')).toEqual({});
  });

  it('refuses a key another action of an overlapping scope answers, including one freed or taken by an override', () => {
    // M is the length tool in the viewer.
    expect(findConflict(SHORTCUTS, {}, 'viewer.invert', 'M')?.id).toBe('viewer.toolLength');
    // "?" is the global help: taken on every page.
    expect(findConflict(SHORTCUTS, {}, 'viewer.invert', '?')?.id).toBe('app.help');
    // P is the worklist priority and the viewer pan tool: a worklist key does not clash with a viewer-only one…
    expect(findConflict(SHORTCUTS, {}, 'worklist.toggleRead', 'Z')).toBeNull();
    // …but a global one clashes with both.
    expect(findConflict(SHORTCUTS, {}, 'app.about', 'P')?.scope).toMatch(/worklist|viewer/);
    // Once the length tool moves to Shift+M, M is free; Shift+M is now taken.
    const moved = rebind(SHORTCUTS, {}, 'viewer.toolLength', 'Shift+M');
    expect(findConflict(SHORTCUTS, moved, 'viewer.invert', 'M')).toBeNull();
    expect(findConflict(SHORTCUTS, moved, 'viewer.invert', 'Shift+M')?.id).toBe('viewer.toolLength');
    // Its own key is no conflict.
    expect(findConflict(SHORTCUTS, {}, 'viewer.invert', 'I')).toBeNull();
  });

  it('ignores modifier keys pressed alone and stored overrides of unknown or empty shortcuts', () => {
    expect(isModifierOnly('Shift')).toBe(true);
    expect(isModifierOnly('J')).toBe(false);
    expect(knownOverrides(SHORTCUTS, { 'viewer.gone': ['Q'], 'viewer.fit': [], 'viewer.invert': ['J'] })).toEqual({ 'viewer.invert': ['J'] });
    expect(knownOverrides(SHORTCUTS, undefined)).toEqual({});
  });

  it('makes the registry answer the new key and no longer the old one', () => {
    const registry = new ShortcutRegistry();
    const invert = vi.fn();
    registry.register('viewer.invert', invert);
    const changed = vi.fn();
    registry.subscribe(changed);
    registry.setOverrides(rebind(SHORTCUTS, {}, 'viewer.invert', 'J'));
    expect(changed).toHaveBeenCalledTimes(1);
    expect(registry.keysOf('viewer.invert')).toEqual(['J']);
    expect(registry.handle(key('i'), 'viewer', false)).toBe(false);
    expect(registry.handle(key('j'), 'viewer', false)).toBe(true);
    expect(invert).toHaveBeenCalledTimes(1);
    registry.setOverrides({});
    expect(registry.handle(key('i'), 'viewer', false)).toBe(true);
    expect(invert).toHaveBeenCalledTimes(2);
  });
});
