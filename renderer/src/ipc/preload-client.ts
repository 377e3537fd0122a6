import type { PreloadBridge, YingduClient } from '../../../electron/shared/client';

/** The client inside Electron: a typed face on the preload bridge. */
export function createPreloadClient(bridge: PreloadBridge): YingduClient {
  return {
    invoke: (channel, args) => bridge.invoke(channel, args) as never,
    on: (event, listener) => bridge.on(event, listener as (payload: unknown) => void),
  };
}
