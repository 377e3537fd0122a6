// The client in a browser tab served by the loopback web host. The session cookie set by the
// host authenticates the socket; requests wait for the connection and fail with UNAVAILABLE
// when it is lost, so the error area can tell the reader.
import type { YingduClient } from '../../../electron/shared/client';
import type { EventName } from '../../../electron/shared/contract';
import { fail, type Result } from '../../../electron/shared/result';
import type { ServerMessage } from '../../../electron/shared/ws-protocol';

export function createWebSocketClient(url: string, onConnectionLost: () => void): YingduClient {
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  const socket = new WebSocket(url);
  const opened = new Promise<boolean>((resolve) => {
    socket.addEventListener('open', () => resolve(true), { once: true });
    socket.addEventListener('error', () => resolve(false), { once: true });
  });

  socket.addEventListener('message', (message) => {
    let data: ServerMessage;
    try {
      data = JSON.parse(String(message.data)) as ServerMessage;
    } catch {
      return;
    }
    if (data.type === 'result') {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    } else if (data.type === 'event') {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
    }
  });

  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve(fail('UNAVAILABLE', 'The connection to the workstation was lost.'));
    pending.clear();
    onConnectionLost();
  });

  return {
    async invoke(channel, args) {
      if (!(await opened) || socket.readyState !== WebSocket.OPEN) {
        return fail('UNAVAILABLE', 'The workstation service is not reachable.');
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void);
        socket.send(JSON.stringify({ id, channel, args }));
      });
    },
    on(event: EventName, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}
