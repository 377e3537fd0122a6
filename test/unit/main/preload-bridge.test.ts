// The preload exposes exactly invoke and on, only for contract channels, and never leaks the
// IpcRendererEvent. Electron's ipcRenderer cannot exist here (no binary): a recording stand-in
// with the same three methods replaces it, named as such.
import { describe, expect, it } from 'vitest';
import { createPreloadBridge, type IpcRendererLike } from '../../../electron/main/preload-bridge';
import { IPC_EVENT, IPC_INVOKE } from '../../../electron/shared/client';

function recordingIpcStandIn() {
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc: IpcRendererLike = {
    invoke: async (...args) => {
      invoked.push(args);
      return { ok: true, value: 'answer' };
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (...args: unknown[]) => listeners.get(IPC_EVENT)?.forEach((l) => l({ sender: 'SECRET' }, ...args));
  return { ipc, invoked, listeners, emit };
}

describe('preload bridge', () => {
  it('exposes exactly invoke and on, frozen', () => {
    const bridge = createPreloadBridge(recordingIpcStandIn().ipc);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('forwards contract channels over the single invoke channel', async () => {
    const stand = recordingIpcStandIn();
    const bridge = createPreloadBridge(stand.ipc);
    expect(await bridge.invoke('app:info', {})).toEqual({ ok: true, value: 'answer' });
    expect(stand.invoked).toEqual([[IPC_INVOKE, 'app:info', {}]]);
  });

  it('refuses channels outside the contract without touching IPC', async () => {
    const stand = recordingIpcStandIn();
    const bridge = createPreloadBridge(stand.ipc);
    expect(await bridge.invoke('fs:readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(stand.invoked).toEqual([]);
    expect(() => bridge.on('evil:event', () => {})).toThrow(TypeError);
  });

  it('delivers only the named event payload, never the IPC event object, and unsubscribes', () => {
    const stand = recordingIpcStandIn();
    const bridge = createPreloadBridge(stand.ipc);
    const seen: unknown[][] = [];
    const off = bridge.on('prefs:changed', (...args) => seen.push(args));
    stand.emit('prefs:changed', { language: 'en' });
    stand.emit('other:event', { x: 1 });
    expect(seen).toEqual([[{ language: 'en' }]]);
    off();
    stand.emit('prefs:changed', { language: 'zh-CN' });
    expect(seen).toHaveLength(1);
    expect(stand.listeners.get(IPC_EVENT)?.size).toBe(0);
  });
});
