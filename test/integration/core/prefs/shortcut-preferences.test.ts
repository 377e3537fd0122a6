// The reader's shortcut bindings are preferences: stored in the real SQLite file, returned by
// prefs:get after the core restarts, pushed as prefs:changed, reset by storing an empty set,
// and bad input (a huge chord, too many keys) is refused without touching what is stored.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../../electron/core/core';
import { makeTempDir } from '../../../support/temp-dir';

describe('shortcut preferences', () => {
  const temp = makeTempDir('yingdu-prefs-');
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });
  afterAll(() => temp.remove());

  it('stores rebound keys, survives a restart, announces the change and resets to defaults', async () => {
    core = createCore({ dataDir: temp.dir, host: 'web' });
    const first = await core.dispatch('prefs:get', {});
    expect(first).toEqual({ ok: true, value: { language: 'zh-CN' } });
    const seen: unknown[] = [];
    core.events.subscribe((event, payload) => event === 'prefs:changed' && seen.push(payload));
    const set = await core.dispatch('prefs:set', { shortcuts: { 'viewer.invert': ['Shift+J'] } });
    expect(set).toEqual({ ok: true, value: { language: 'zh-CN', shortcuts: { 'viewer.invert': ['Shift+J'] } } });
    expect(seen).toEqual([{ language: 'zh-CN', shortcuts: { 'viewer.invert': ['Shift+J'] } }]);

    const bad = await core.dispatch('prefs:set', { shortcuts: { 'viewer.fit': ['A', 'B', 'C', 'D', 'E'] } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('INVALID_ARGUMENT');
    const long = await core.dispatch('prefs:set', { shortcuts: { 'viewer.fit': ['x'.repeat(41)] } });
    expect(long.ok).toBe(false);

    await core.close();
    core = createCore({ dataDir: temp.dir, host: 'web' });
    expect(await core.dispatch('prefs:get', {})).toEqual({ ok: true, value: { language: 'zh-CN', shortcuts: { 'viewer.invert': ['Shift+J'] } } });
    expect(await core.dispatch('prefs:set', { shortcuts: {} })).toEqual({ ok: true, value: { language: 'zh-CN', shortcuts: {} } });
  });
});
