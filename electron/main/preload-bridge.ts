// What the preload exposes to the renderer, kept free of the `electron` import so it can be
// unit-tested: exactly `invoke` and `on`, only for channels in the contract, and never the
// raw IpcRendererEvent (which would hand the page `sender`).
import { IPC_EVENT, IPC_INVOKE, type PreloadBridge } from '../shared/client';
import { isEventName, isRequestChannel } from '../shared/contract';
import { fail, type Result } from '../shared/result';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createPreloadBridge(ipc: IpcRendererLike): PreloadBridge {
  return Object.freeze({
    invoke(channel: string, args: unknown): Promise<Result<unknown>> {
      if (!isRequestChannel(channel)) return Promise.resolve(fail('UNKNOWN_CHANNEL', 'Unknown request channel.'));
      return ipc.invoke(IPC_INVOKE, channel, args) as Promise<Result<unknown>>;
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      if (!isEventName(event) || typeof listener !== 'function') throw new TypeError('Unknown event name.');
      const wrapped = (_event: unknown, name: unknown, payload: unknown) => {
        if (name === event) listener(payload);
      };
      ipc.on(IPC_EVENT, wrapped);
      return () => {
        ipc.removeListener(IPC_EVENT, wrapped);
      };
    },
  });
}
