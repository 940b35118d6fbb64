// A small event emitter with Node's `on/once/off` names, for vendor clients that are EventEmitters (LaunchDarkly).
// Runtime-free: no node:events below node-sdk. A listener that throws is logged, never rethrown into the SDK.
import type { Logger } from '@ensign/common';
import { safeLog } from '@ensign/common';

type Listener = (...args: unknown[]) => void;

/** The emitter methods a LaunchDarkly client has. */
export interface ListenerMethods<Self> {
  on(event: string, listener: Listener): Self;
  addListener(event: string, listener: Listener): Self;
  once(event: string, listener: Listener): Self;
  off(event: string, listener: Listener): Self;
  removeListener(event: string, listener: Listener): Self;
  removeAllListeners(event?: string): Self;
  listenerCount(event: string): number;
}

/** An emitter: its methods (bound to `self`) and `emit`. */
export interface Listeners<Self> {
  readonly methods: ListenerMethods<Self>;
  emit(event: string, ...args: unknown[]): void;
}

/**
 * Creates the emitter behind a vendor client's `on`/`off`/`once`.
 *
 * @example
 * const listeners = createListeners(() => client, logger);
 * listeners.methods.on('ready', () => console.log('ready'));
 * listeners.emit('ready');
 */
export function createListeners<Self>(self: () => Self, logger: Logger): Listeners<Self> {
  const byEvent = new Map<string, { listener: Listener; once: boolean }[]>();
  const add = (event: string, listener: Listener, once: boolean) => {
    if (typeof listener === 'function') byEvent.set(event, [...(byEvent.get(event) ?? []), { listener, once }]);
    return self();
  };
  const remove = (event: string, listener: Listener) => {
    const list = byEvent.get(event) ?? [];
    const at = list.findIndex((l) => l.listener === listener);
    if (at >= 0) byEvent.set(event, [...list.slice(0, at), ...list.slice(at + 1)]);
    return self();
  };
  const methods: ListenerMethods<Self> = {
    on: (event, listener) => add(event, listener, false),
    addListener: (event, listener) => add(event, listener, false),
    once: (event, listener) => add(event, listener, true),
    off: remove,
    removeListener: remove,
    removeAllListeners(event) {
      if (event === undefined) byEvent.clear();
      else byEvent.delete(event);
      return self();
    },
    listenerCount: (event) => byEvent.get(event)?.length ?? 0,
  };
  return {
    methods,
    emit(event, ...args) {
      const list = byEvent.get(event) ?? [];
      byEvent.set(event, list.filter((l) => !l.once));
      for (const { listener } of list) {
        try {
          listener(...args);
        } catch (error) {
          safeLog(logger, 'error', `a "${event}" listener threw: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    },
  };
}
