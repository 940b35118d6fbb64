// The index events of the pipeline (event-pipeline.ts): one per context key and window, built at once or, for a
// flat context when nothing is private, queued as a compact record. Internal.
import type { Context } from '@ensign/context';
import type { Delivery } from './delivery-batch.js';
import type { EventFactory } from './event-factory.js';
import type { IndexEvent, RedactedContext } from './events.js';
import { snapshotFlatContext, snapshotSize } from './flat-snapshot.js';
import type { ResolvedOptions } from './options.js';
import { whyNotBuilt } from './record-helpers.js';
import type { SharedDedupGate } from './shared-dedup-gate.js';

/** How the pipeline queues the index event of a context key seen for the first time in its window. */
export interface IndexEmitters {
  /**
   * Builds and queues the index event now. Returns its redacted context, so a decision event of the same evaluation
   * can carry it too, or undefined when the event was not created (counted as dropped).
   */
  emitIndex(context: Context, now: number): RedactedContext | undefined;
  /** Queues the index event of a context that no decision event of the same call shares (compact when it can). */
  emitNewIndex(context: Context, now: number): void;
}

/**
 * Creates the index emitters of a pipeline. When the options name nothing private (no global private attributes, no
 * `allAttributesPrivate`, no `redactAnonymousInAllEvents`), ids come from the default generator and no `sharedDedup`
 * marks events, `emitNewIndex` queues a flat context as a compact record: its snapshot (what the redactor would
 * return for it: see flat-snapshot.ts), a reserved id and the time; the event is built when its batch is made. Any
 * other context takes `emitIndex`.
 */
export function createIndexEmitters(o: ResolvedOptions, factory: EventFactory, delivery: Delivery, shared: SharedDedupGate): IndexEmitters {
  const emitIndex = (context: Context, now: number): RedactedContext | undefined => {
    if (!delivery.hasCapacity()) {
      delivery.countDropped(1, 'queue-full');
      return undefined;
    }
    let event: IndexEvent;
    try {
      event = factory.index(context, now);
      if (o.sharedDedup !== null) shared.markIndex(event, context);
    } catch (error) {
      delivery.countDropped(1, whyNotBuilt(error));
      return undefined;
    }
    delivery.enqueue(event);
    return event.context;
  };

  const ids = o.idSequence;
  const compact = ids !== null && o.sharedDedup === null && o.privateAttributes.length === 0 && !o.allAttributesPrivate && !o.redactAnonymousInAllEvents;
  const emitNewIndex = (context: Context, now: number): void => {
    if (!compact || ids === null) {
      emitIndex(context, now);
      return;
    }
    if (!delivery.hasCapacity()) {
      delivery.countDropped(1, 'queue-full');
      return;
    }
    let snapshot: RedactedContext | null;
    try {
      snapshot = snapshotFlatContext(context);
    } catch (error) {
      delivery.countDropped(1, whyNotBuilt(error));
      return;
    }
    if (snapshot === null) {
      emitIndex(context, now);
      return;
    }
    const head = ids.head; // before `reserve`, which may start the next head
    const low = ids.reserve();
    delivery.enqueueIndex(snapshot, snapshotSize, head, low, now);
  };

  return { emitIndex, emitNewIndex };
}
