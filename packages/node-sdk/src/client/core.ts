import type { Clock, Logger, RateLimitedLogger } from '@ensign/common';
import { createRateLimitedLogger } from '@ensign/common';
import type { Context } from '@ensign/context';
import { createContextRedactor } from '@ensign/context';
import type { EvaluateOptions, EvaluationResult } from '@ensign/evaluator-core';
import type { EventSink } from '../events/wiring.js';
import type { DecideFlags } from '../faces/optimizely/decide-options.js';
import type { DatafileStore } from './datafile-store.js';
import type { DecisionFace, Emitter } from './emitter.js';
import type { ResolvedOptions } from './options.js';

/**
 * Values the faces derive from the client's options, once per client (filled on first use), so that a call per
 * request (`createUserContext(...).decide(...)`) finds them with a property read.
 */
export interface FaceCache {
  /** Optimizely face: `defaultDecideOptions` folded into flags. */
  decideFlags: DecideFlags | null;
  /** Optimizely face: the evaluate options of a plain decide (default options, nothing forced, no segments); frozen. */
  plainDecideOptions: EvaluateOptions | null;
}

/** What every face shares: the datafile in use, logging, hooks and events. Internal to the client. */
export interface ClientCore {
  readonly options: ResolvedOptions;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly store: DatafileStore;
  readonly emitter: Emitter;
  /** The event sink; null when events are off. Read it at call time: `close()` clears it. */
  events(): EventSink | null;
  /** Logs a line at most once a minute per `key`: bad arguments on hot paths must not flood the logs. */
  limited: RateLimitedLogger;
  /** Emits the `decision` hook with a redacted copy of the context, when anyone listens. */
  decided(face: DecisionFace, flagKey: string, context: Context | null, result: EvaluationResult): void;
  /** Per-client values of the faces (see {@link FaceCache}). */
  readonly faceCache: FaceCache;
}

/** Parts {@link createClientCore} is built from. */
export interface ClientCoreParts {
  options: ResolvedOptions;
  logger: Logger;
  clock: Clock;
  store: DatafileStore;
  emitter: Emitter;
  events(): EventSink | null;
}

/**
 * Assembles the shared core of a client.
 *
 * @example
 * const core = createClientCore({ options, logger, clock, store, emitter, events: () => sink });
 */
export function createClientCore(parts: ClientCoreParts): ClientCore {
  const redactor = createContextRedactor({
    privateAttributes: parts.options.privateAttributes,
    allAttributesPrivate: parts.options.allAttributesPrivate,
  });
  const limited = createRateLimitedLogger(parts.logger, { clock: parts.clock, windowMs: 60_000 });
  return {
    ...parts,
    limited,
    faceCache: { decideFlags: null, plainDecideOptions: null },
    decided(face, flagKey, context, result) {
      if (!parts.emitter.has('decision')) return;
      let redacted: Context | null = null;
      if (context !== null) {
        try {
          redacted = redactor.redact(context) as unknown as Context;
        } catch {
          redacted = null;
        }
      }
      parts.emitter.emit('decision', { face, flagKey, context: redacted, result });
    },
  };
}
