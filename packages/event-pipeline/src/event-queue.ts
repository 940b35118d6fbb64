// A FIFO of events with O(1) push and shift and O(n) take of the first n: an array with a moving head,
// compacted now and then, so dropping the oldest of 10 000 events does not shift 10 000 slots. Each item carries
// its size (a parallel array of numbers: no object per item), and the queue keeps their sum.
//
// An item may also be queued as a compact record, built into its event only when it leaves the queue (`pushDeferred`):
// the pipeline queues an index event as its context's snapshot plus a timestamp and a reserved id, in parallel
// arrays, so that the thousand events waiting for their batch hold one object each instead of four.

/** Builds the item of a record queued with `pushDeferred`. */
export type DeferredBuild<T> = (record: unknown, head: string, low: number, timestamp: number) => T;

/** A first-in, first-out queue of sized items. Internal to the pipeline. */
export interface EventQueue<T> {
  push(item: T, size: number): void;
  /** Queues a compact record, made into an item by the queue's `build` when it is shifted or taken. */
  pushDeferred(record: unknown, size: number, head: string, low: number, timestamp: number): void;
  /** Removes and returns the oldest item. */
  shift(): T | undefined;
  /** Removes and returns the oldest `n` items (fewer when fewer are queued); `bytes` drops by their sizes. */
  take(n: number): T[];
  /** Items queued (a plain field, kept up to date: reading it costs a property load). */
  readonly size: number;
  /** The sum of the sizes of the items queued. */
  readonly bytes: number;
}

/**
 * Creates an {@link EventQueue}. `build` makes the items of deferred records (required to use `pushDeferred`); it
 * must not throw.
 */
export function createEventQueue<T>(build?: DeferredBuild<T>): EventQueue<T> {
  let items: unknown[] = [];
  let sizes: number[] = [];
  // Of deferred records only (null marks a plain item): the id head, the id's low bits and the timestamp.
  let heads: (string | null)[] = [];
  let lows: number[] = [];
  let stamps: number[] = [];
  let head = 0;
  const reset = () => {
    items = [];
    sizes = [];
    heads = [];
    lows = [];
    stamps = [];
    head = 0;
    queue.size = 0;
    queue.bytes = 0; // also clears any rounding drift of the running sum
  };
  const compact = () => {
    if (head > 1024 && head * 2 > items.length) {
      items = items.slice(head);
      sizes = sizes.slice(head);
      heads = heads.slice(head);
      lows = lows.slice(head);
      stamps = stamps.slice(head);
      head = 0;
    }
  };
  const itemAt = (i: number): T => {
    const h = heads[i];
    return h === null || build === undefined ? (items[i] as T) : build(items[i], h as string, lows[i] as number, stamps[i] as number);
  };
  const queue = {
    size: 0,
    bytes: 0,
    push(item: T, size: number) {
      items.push(item);
      sizes.push(size);
      heads.push(null);
      lows.push(0);
      stamps.push(0);
      queue.size += 1;
      queue.bytes += size;
    },
    pushDeferred(record: unknown, size: number, idHead: string, low: number, timestamp: number) {
      items.push(record);
      sizes.push(size);
      heads.push(idHead);
      lows.push(low);
      stamps.push(timestamp);
      queue.size += 1;
      queue.bytes += size;
    },
    shift(): T | undefined {
      if (head >= items.length) return undefined;
      const item = itemAt(head);
      items[head] = undefined;
      heads[head] = null;
      queue.bytes -= sizes[head] as number;
      queue.size -= 1;
      head += 1;
      if (head === items.length) reset();
      else compact();
      return item;
    },
    take(n: number): T[] {
      const count = n > 0 ? Math.min(n, items.length - head) : 0;
      const out: T[] = [];
      for (let i = head; i < head + count; i += 1) {
        out.push(itemAt(i));
        queue.bytes -= sizes[i] as number;
      }
      queue.size -= count;
      head += count;
      if (head === items.length) reset();
      else {
        items.fill(undefined, head - count, head);
        heads.fill(null, head - count, head);
        compact();
      }
      return out;
    },
  };
  return queue;
}
