// The one client interface the renderer uses, whether it runs inside Electron (preload bridge)
// or in a browser tab served by the loopback web host (WebSocket).
import type { ArgsOf, EventName, PayloadOf, RequestChannel, ResultOf } from './contract';
import type { Result } from './result';

export interface YingduClient {
  invoke<C extends RequestChannel>(channel: C, args: ArgsOf<C>): Promise<Result<ResultOf<C>>>;
  /** Subscribes to a push event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void;
}

/** What the Electron preload exposes as `window.yingdu`: exactly these two functions. */
export interface PreloadBridge {
  invoke(channel: string, args: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** The single IPC channel names used between preload and main. */
export const IPC_INVOKE = 'yingdu:invoke';
export const IPC_EVENT = 'yingdu:event';
