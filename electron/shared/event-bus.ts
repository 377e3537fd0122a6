import type { EventName, PayloadOf } from './contract';

export type EventListener = <E extends EventName>(event: E, payload: PayloadOf<E>) => void;

/** Fans core events out to every host connection; a failing listener cannot stop the others. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // A closed socket or destroyed window must not break delivery to the rest.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
