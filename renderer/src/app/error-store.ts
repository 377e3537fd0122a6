// The errors the reader sees in the error area: `Result` errors and lost connections.
import { useSyncExternalStore } from 'react';
import type { AppErrorShape } from '../../../electron/shared/result';

export interface ShownError extends AppErrorShape {
  id: number;
  /** Which request failed, for the details line. */
  source?: string;
}

let errors: ShownError[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

export const errorStore = {
  push(error: AppErrorShape, source?: string): void {
    errors = [...errors.slice(-4), { ...error, id: nextId++, source }];
    notify();
  },
  dismiss(id?: number): void {
    errors = id === undefined ? errors.slice(0, -1) : errors.filter((e) => e.id !== id);
    notify();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot: (): ShownError[] => errors,
};

export function useErrors(): ShownError[] {
  return useSyncExternalStore(errorStore.subscribe, errorStore.snapshot);
}
