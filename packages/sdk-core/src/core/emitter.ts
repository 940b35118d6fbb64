import type { Context } from '@ensign/context';
import type { EvaluationResult } from '@ensign/evaluator-core';
import { keyText } from './records.js';

/** Which decision face produced a decision: the three built in, or the name of a face a user added. */
export type DecisionFace = 'optimizely' | 'launchdarkly' | 'amplitude' | (string & {});

/** Where a datafile came from: `static`, `file`, `polling`, `streaming`, or a custom source's `kind`. */
export type DatafileSourceKind = 'static' | 'file' | 'polling' | 'streaming' | (string & {});

/** Payload of the `update` hook: a new datafile is in use. */
export interface UpdateEvent {
  revision: string;
  /** The revision it replaced; null for the first datafile. */
  previousRevision: string | null;
  source: DatafileSourceKind;
  /** Flag keys of the new datafile. */
  flagKeys: readonly string[];
}

/** Payload of the `decision` hook: one flag was decided for one context. */
export interface DecisionEvent {
  face: DecisionFace;
  flagKey: string;
  /** The context, already redacted (private attributes removed), so it is safe to log or export. */
  context: Context | null;
  /** The evaluator's full result (value, variation, reason, revision). */
  result: EvaluationResult;
}

/** Payload of the `error` hook: something failed at run time (a bad datafile update, a failing listener...). */
export interface ErrorEvent {
  message: string;
  /** Where it happened: `datafile`, `events`, `listener`, ... */
  source: string;
  /** JSON path of the first problem, for datafile errors (`flags[3].rules[0].serve`). */
  path?: string;
  error?: unknown;
}

/** Event names of {@link ClientHooks.on} with their payloads. */
export interface ClientEventMap {
  update: UpdateEvent;
  decision: DecisionEvent;
  error: ErrorEvent;
}

/** The names of the client's hooks. */
export type ClientEventName = keyof ClientEventMap;

/** The hook names as run-time values. */
export const CLIENT_EVENT_NAMES = Object.freeze(['update', 'decision', 'error'] as const satisfies readonly ClientEventName[]);

/** A function that removes the listener it was returned for. Calling it twice is harmless. */
export type Unsubscribe = () => void;

/** The client's hook registry. */
export interface Emitter {
  on<K extends ClientEventName>(name: K, listener: (event: ClientEventMap[K]) => void): Unsubscribe;
  /** Calls every listener of `name`; exceptions are caught and reported to `onListenerError`. */
  emit<K extends ClientEventName>(name: K, event: ClientEventMap[K]): void;
  /** Whether `name` has any listener (lets hot paths skip building payloads nobody reads). */
  has(name: ClientEventName): boolean;
  clear(): void;
}

/** Options of {@link createEmitter}. */
export interface EmitterOptions {
  /**
   * Called when a listener throws, or when `on` gets a bad argument. It must not emit `error` for a failing `error`
   * listener (that would loop).
   */
  onListenerError(name: string, error: unknown): void;
}

const noop: Unsubscribe = () => {};

/**
 * Creates the hook registry behind `client.on(...)`. Listeners run synchronously, in subscription order; a listener
 * that throws never breaks the caller or the other listeners. Bad arguments (unknown name, non-function listener)
 * are reported and ignored: this runs after construction, so it never throws.
 *
 * @example
 * const emitter = createEmitter({ onListenerError: (name, e) => logger.warn(`listener of ${name} threw`, e) });
 * const off = emitter.on('update', (e) => console.log(e.revision));
 * off();
 */
export function createEmitter(options: EmitterOptions): Emitter {
  const listeners: Record<ClientEventName, Array<(event: never) => void>> = { update: [], decision: [], error: [] };
  return {
    on(name, listener) {
      if (!CLIENT_EVENT_NAMES.includes(name) || typeof listener !== 'function') {
        const label = keyText(name);
        options.onListenerError(label, new TypeError(`cannot listen to "${label}" with a ${typeof listener}`));
        return noop;
      }
      const entry = listener as (event: never) => void;
      // Copy on write, so a listener that unsubscribes during an emit does not skip its neighbour.
      listeners[name] = [...listeners[name], entry];
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        listeners[name] = listeners[name].filter((l) => l !== entry);
      };
    },
    emit(name, event) {
      const list = listeners[name];
      for (const listener of list) {
        try {
          (listener as (e: typeof event) => void)(event);
        } catch (error) {
          options.onListenerError(name, error);
        }
      }
    },
    has: (name) => listeners[name].length > 0,
    clear() {
      listeners.update = [];
      listeners.decision = [];
      listeners.error = [];
    },
  };
}
