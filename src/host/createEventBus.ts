import type { Disposable } from '../plugin-api';

export interface EventBus<M> {
  on<K extends keyof M>(event: K, listener: (detail: M[K]) => void): Disposable;
  emit<K extends keyof M>(event: K, detail: M[K]): void;
}

/**
 * A typed event bus owned by one host instance (no global event target). A listener that
 * throws is reported and does not stop the others: one faulty plugin must not take the
 * viewer down.
 */
export function createEventBus<M>(onListenerError: (error: unknown) => void): EventBus<M> {
  const listeners = new Map<keyof M, Set<(detail: never) => void>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener as (detail: never) => void);
      return { dispose: () => void set.delete(listener as (detail: never) => void) };
    },
    emit(event, detail) {
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          (listener as (d: typeof detail) => void)(detail);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
  };
}
