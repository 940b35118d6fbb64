// The delivery's queue (delivery.ts): the queue of events, whose index events may wait as compact records, and its
// bounds in events and bytes. Internal.
import type { DropReason } from './results.js';
import { createIdHeadRenderer } from './event-id.js';
import { createEventQueue } from './event-queue.js';
import type { EventQueue } from './event-queue.js';
import type { EnsignEvent, RedactedContext } from './events.js';
import type { ResolvedOptions } from './options.js';

/** The delivery's queue: index events queued as compact records (`pushDeferred`) become events when taken. */
export function createIndexEventQueue(): EventQueue<EnsignEvent> {
  const renderId = createIdHeadRenderer();
  return createEventQueue<EnsignEvent>((context, head, low, timestamp) => ({
    kind: 'index',
    id: renderId(head, low),
    timestamp,
    context: context as RedactedContext,
  }));
}

/**
 * The bounds of the queue for one more event of `size` (skipped by `force`): under `drop-oldest` it makes room by
 * dropping the oldest unbatched events. The function it returns answers false when the event itself is dropped
 * (counted by `drop`).
 */
export function createAdmission(
  o: ResolvedOptions,
  queue: EventQueue<EnsignEvent>,
  held: () => number,
  heldBytes: () => number,
  drop: (n: number, why: DropReason) => void,
): (size: number, force: boolean) => boolean {
  return (size, force) => {
    if (force) return true;
    if (held() >= o.maxQueueSize) {
      if (o.overflow === 'drop-newest' || queue.size === 0) {
        drop(1, 'queue-full');
        return false;
      }
      queue.shift();
      drop(1, 'queue-full');
    }
    if (size > o.maxQueueBytes) {
      drop(1, 'queue-bytes');
      return false;
    }
    while (heldBytes() + size > o.maxQueueBytes) {
      if (o.overflow === 'drop-newest' || queue.size === 0) {
        drop(1, 'queue-bytes');
        return false;
      }
      queue.shift();
      drop(1, 'queue-bytes');
    }
    return true;
  };
}
