import type { PreloadBridge, YingduClient } from '../../../electron/shared/client';
import { createPreloadClient } from './preload-client';
import { createWebSocketClient } from './ws-client';

declare global {
  interface Window {
    /** Present only inside Electron, exposed by the preload. */
    yingdu?: PreloadBridge;
  }
}

/** One client interface whichever host serves the renderer. */
export function createClient(onConnectionLost: () => void): YingduClient {
  if (window.yingdu) return createPreloadClient(window.yingdu);
  const wsUrl = new URL('/ws', window.location.href);
  wsUrl.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWebSocketClient(wsUrl.toString(), onConnectionLost);
}
