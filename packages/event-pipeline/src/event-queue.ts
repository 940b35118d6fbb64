// A FIFO of events with O(1) push and shift and O(n) take of the first n: an array with a moving head,
// compacted now and then, so dropping the oldest of 10 000 events does not shift 10 000 slots.

/** A first-in, first-out queue. Internal to the pipeline. */
export interface EventQueue<T> {
  push(item: T): void;
  /** Removes and returns the oldest item. */
  shift(): T | undefined;
  /** Removes and returns the oldest `n` items (fewer when fewer are queued). */
  take(n: number): T[];
  readonly size: number;
}

/** Creates an {@link EventQueue}. */
export function createEventQueue<T>(): EventQueue<T> {
  let items: (T | undefined)[] = [];
  let head = 0;
  const compact = () => {
    if (head > 1024 && head * 2 > items.length) {
      items = items.slice(head);
      head = 0;
    }
  };
  return {
    push: (item) => void items.push(item),
    shift() {
      if (head >= items.length) return undefined;
      const item = items[head];
      items[head] = undefined;
      head += 1;
      if (head === items.length) {
        items = [];
        head = 0;
      } else compact();
      return item;
    },
    take(n) {
      const out = items.slice(head, head + n) as T[];
      head += out.length;
      if (head === items.length) {
        items = [];
        head = 0;
      } else {
        items.fill(undefined, head - out.length, head);
        compact();
      }
      return out;
    },
    get size() {
      return items.length - head;
    },
  };
}
