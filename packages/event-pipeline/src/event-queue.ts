// A FIFO of events with O(1) push and shift and O(n) take of the first n: an array with a moving head,
// compacted now and then, so dropping the oldest of 10 000 events does not shift 10 000 slots. Each item carries
// its size (a parallel array of numbers: no object per item), and the queue keeps their sum.

/** A first-in, first-out queue of sized items. Internal to the pipeline. */
export interface EventQueue<T> {
  push(item: T, size: number): void;
  /** Removes and returns the oldest item. */
  shift(): T | undefined;
  /** Removes and returns the oldest `n` items (fewer when fewer are queued); `bytes` drops by their sizes. */
  take(n: number): T[];
  /** Items queued (a plain field, kept up to date: reading it costs a property load). */
  readonly size: number;
  /** The sum of the sizes of the items queued. */
  readonly bytes: number;
}

/** Creates an {@link EventQueue}. */
export function createEventQueue<T>(): EventQueue<T> {
  let items: (T | undefined)[] = [];
  let sizes: number[] = [];
  let head = 0;
  const reset = () => {
    items = [];
    sizes = [];
    head = 0;
    queue.size = 0;
    queue.bytes = 0; // also clears any rounding drift of the running sum
  };
  const compact = () => {
    if (head > 1024 && head * 2 > items.length) {
      items = items.slice(head);
      sizes = sizes.slice(head);
      head = 0;
    }
  };
  const queue = {
    size: 0,
    bytes: 0,
    push(item: T, size: number) {
      items.push(item);
      sizes.push(size);
      queue.size += 1;
      queue.bytes += size;
    },
    shift(): T | undefined {
      if (head >= items.length) return undefined;
      const item = items[head];
      items[head] = undefined;
      queue.bytes -= sizes[head] as number;
      queue.size -= 1;
      head += 1;
      if (head === items.length) reset();
      else compact();
      return item;
    },
    take(n: number): T[] {
      const out = items.slice(head, head + n) as T[];
      for (let i = head; i < head + out.length; i += 1) queue.bytes -= sizes[i] as number;
      queue.size -= out.length;
      head += out.length;
      if (head === items.length) reset();
      else {
        items.fill(undefined, head - out.length, head);
        compact();
      }
      return out;
    },
  };
  return queue;
}
