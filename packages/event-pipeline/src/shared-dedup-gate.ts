// Fleet-wide de-duplication (the `sharedDedup` option). The local caches answer first, synchronously; an event they
// let through is queued with its key remembered here, and its batch asks the port once, before its first attempt,
// which of its events another process already sent. Recording never waits on the port.
import { createRateLimitedLogger } from '@ensign/common';
import { canonicalKey } from '@ensign/context';
import type { Context } from '@ensign/context';
import type { EnsignEvent } from './events.js';
import type { ResolvedOptions } from './options.js';

/** The events the gate knows, each with its own window. */
export type SharedDedupKind = 'index' | 'assignment' | 'exposure';

/** Longest wait on the port for one batch, ms; past it the batch is sent whole. */
export const SHARED_DEDUP_TIMEOUT_MS = 2_000;

/** The pipeline's side of the port. Internal. */
export interface SharedDedupGate {
  /** Remembers the fleet-wide key of an event just built, and returns the event. No-op without the option. */
  mark<E extends EnsignEvent>(event: E, kind: SharedDedupKind, key: string | null): E;
  /** `mark` for an index event, keyed by its context's canonical key (computed only with the option). */
  markIndex(event: EnsignEvent, context: Context): void;
  /** The events of a batch another process already sent; null (no round trip) when none of them carries a key. */
  check(events: readonly EnsignEvent[]): Promise<ReadonlySet<EnsignEvent>> | null;
}

const NONE: SharedDedupGate = { mark: (event) => event, markIndex() {}, check: () => null };

/** Creates the gate of a pipeline (a no-op one without `sharedDedup`). */
export function createSharedDedupGate(o: ResolvedOptions): SharedDedupGate {
  const port = o.sharedDedup;
  if (port === null) return NONE;
  const limited = createRateLimitedLogger(o.logger, { clock: o.clock, windowMs: 60_000 });
  const ttlOf: Record<SharedDedupKind, number> = { index: o.contextKeysFlushIntervalMs, assignment: o.assignmentDedup.ttlMs, exposure: o.exposureDedup.ttlMs };
  const keys = new WeakMap<EnsignEvent, { kind: SharedDedupKind; key: string }>();

  const giveUp = (why: string): null => {
    limited.log('warn', 'shared-dedup', `[event-pipeline] sharedDedup ${why}; the batch is sent without fleet-wide de-duplication`);
    return null;
  };

  // One claimKeys call, bounded in time; null when it failed (every event of the group is then sent).
  const ask = (group: readonly string[], ttlMs: number): Promise<readonly boolean[] | null> =>
    new Promise((resolve) => {
      const timer = o.scheduler.setTimeout(() => resolve(giveUp(`did not answer within ${SHARED_DEDUP_TIMEOUT_MS} ms`)), SHARED_DEDUP_TIMEOUT_MS);
      const done = (answers: readonly boolean[] | null) => {
        timer.cancel();
        resolve(answers);
      };
      try {
        port.claimKeys(group, ttlMs).then(
          (answers) => done(Array.isArray(answers) && answers.length === group.length ? answers : giveUp('answered with the wrong number of results')),
          (error: unknown) => done(giveUp(`failed (${error instanceof Error ? error.message : 'error'})`)),
        );
      } catch (error) {
        done(giveUp(`threw (${error instanceof Error ? error.message : 'error'})`));
      }
    });

  return {
    mark(event, kind, key) {
      if (key !== null) keys.set(event, { kind, key });
      return event;
    },
    markIndex(event, context) {
      try {
        keys.set(event, { kind: 'index', key: canonicalKey(context) });
      } catch {
        // an unreadable context key: the event is sent without the shared check
      }
    },
    check(events) {
      let groups: Map<SharedDedupKind, { events: EnsignEvent[]; keys: string[] }> | null = null;
      for (const event of events) {
        const marked = keys.get(event);
        if (marked === undefined) continue;
        keys.delete(event);
        groups ??= new Map();
        let group = groups.get(marked.kind);
        if (group === undefined) groups.set(marked.kind, (group = { events: [], keys: [] }));
        group.events.push(event);
        group.keys.push(`${marked.kind}:${marked.key}`);
      }
      if (groups === null) return null;
      return Promise.all(
        [...groups].map(async ([kind, group]) => {
          const answers = await ask(group.keys, ttlOf[kind]);
          return answers === null ? [] : group.events.filter((_, i) => answers[i] === false);
        }),
      ).then((lost) => new Set(lost.flat()));
    },
  };
}
