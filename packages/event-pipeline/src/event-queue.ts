// A FIFO of events with O(1) push and shift and O(n) take of the first n: an array with a moving head,
// compacted now and then, so dropping the oldest of 10 000 events does not shift 10 000 slots. Each item carries
// its size (a parallel array of numbers: no object per item), and the queue keeps their sum.
//
// An item may also be queued as a compact record, built into its event only when it leaves the queue (`pushDeferred`):
// the pipeline queues an index event as its context's snapshot plus a timestamp and a reserved id, in parallel
// arrays, so that the thousand events waiting for their batch hold one object each instead of four.
import type { IdHead } from './event-id.js';

/** Builds the item of a record queued with `pushDeferred`. */
export type DeferredBuild<T> = (record: unknown, head: IdHead, low: number, timestamp: number) => T;

/** A first-in, first-out queue of sized items. Internal to the pipeline. */
export interface EventQueue<T> {
  push(item: T, size: number): void;
  /** Queues a compact record, made into an item by the queue's `build` when it is shifted or taken. */
  pushDeferred(record: unknown, size: number, head: IdHead, low: number, timestamp: number): void;
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
  // Positions [head, tail) are queued. Numbers live in one typed array, three per position (the size, then, of a
  // deferred record, the id's low bits and the timestamp), written by index: queuing allocates nothing until the
  // arrays grow (doubling), a queue that drains starts again at position 0, and a push or take loads one array of
  // numbers, not three.
  let capacity = INITIAL;
  let items: unknown[] = [];
  // Of deferred records only (null marks a plain item): the id head.
  let heads: (IdHead | null)[] = [];
  let nums = new Float64Array(capacity * 3);
  let head = 0;
  let tail = 0;
  // Room for one more at `tail`: slides the queued part down when at least half is free, else doubles the arrays.
  const room = () => {
    if (tail < capacity) return;
    if (head * 2 >= capacity) {
      const n = tail - head;
      items.copyWithin(0, head, tail);
      heads.copyWithin(0, head, tail);
      items.length = n;
      heads.length = n;
      nums.copyWithin(0, head * 3, tail * 3);
      head = 0;
      tail = n;
      return;
    }
    capacity *= 2;
    const grown = new Float64Array(capacity * 3);
    grown.set(nums);
    nums = grown;
  };
  const emptied = () => {
    head = 0;
    tail = 0;
    queue.size = 0;
    queue.bytes = 0; // also clears any rounding drift of the running sum
    // The arrays are kept (their taken positions were cleared): the next batch fills them without growing them.
    if (capacity > SHRINK_ABOVE) {
      items = [];
      heads = [];
      capacity = INITIAL;
      nums = new Float64Array(capacity * 3);
    }
  };
  // The item at position `i` (a deferred record built into its item), the position cleared; its size, `nums[i * 3]`,
  // is the caller's to subtract.
  const itemAt = (i: number): T => {
    const h = heads[i] as IdHead | null;
    // One load of `items[i]` for both kinds of item: a load only plain items reach would have no type feedback until
    // the first summary is taken, and the compiled `take` would deoptimize there.
    const stored = items[i];
    const k = i * 3;
    const item = h === null || build === undefined ? (stored as T) : build(stored, h, nums[k + 1] as number, nums[k + 2] as number);
    items[i] = undefined;
    heads[i] = null;
    return item;
  };
  const queue = {
    size: 0,
    bytes: 0,
    push(item: T, size: number) {
      room();
      items[tail] = item;
      heads[tail] = null;
      nums[tail * 3] = size;
      tail += 1;
      queue.size += 1;
      queue.bytes += size;
    },
    pushDeferred(record: unknown, size: number, idHead: IdHead, low: number, timestamp: number) {
      room();
      items[tail] = record;
      heads[tail] = idHead;
      const a = nums;
      const k = tail * 3;
      a[k] = size;
      a[k + 1] = low;
      a[k + 2] = timestamp;
      tail += 1;
      queue.size += 1;
      queue.bytes += size;
    },
    shift(): T | undefined {
      if (head >= tail) return undefined;
      const item = itemAt(head);
      queue.bytes -= nums[head * 3] as number;
      head += 1;
      queue.size -= 1;
      if (head === tail) emptied();
      return item;
    },
    take(n: number): T[] {
      const count = n > 0 ? Math.min(n, tail - head) : 0;
      // Written by index into an array of the final length (no growth), and the sizes summed here and subtracted once
      // (integers: the same sum as one subtraction per item).
      const out = new Array<T>(count);
      let bytes = 0;
      for (let j = 0, i = head; j < count; j += 1, i += 1) {
        bytes += nums[i * 3] as number;
        out[j] = itemAt(i);
      }
      queue.bytes -= bytes;
      head += count;
      queue.size -= count;
      if (head === tail) emptied();
      return out;
    },
  };
  return queue;
}

/** Positions the arrays start with, and the size above which a drained queue gives its arrays back. */
const INITIAL = 1_024;
const SHRINK_ABOVE = 16_384;
