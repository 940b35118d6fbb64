// Event and batch ids that cost a string concatenation, not a call into the random source: a random prefix drawn
// once per generator, then a sequence number. `crypto.randomUUID()` cost about a third of recording an event.

/** The 4 096 three-digit hex strings, so a 24-bit number becomes hex with two lookups and no `toString(16)`. */
const HEX3: readonly string[] = Array.from({ length: 4_096 }, (_, i) => (0x1000 + i).toString(16).slice(1));

/** 2^24: the sequence is kept as two 24-bit halves so that every step stays a small integer. */
const HALF = 0x1000000;

/**
 * Creates the default id generator of a pipeline. Ids have the layout of a version-4 UUID
 * (`xxxxxxxx-xxxx-4xxx-yxxx-ssssssssssss`): the first 24 characters come from one `randomUUID()` per generator (70
 * random bits), the last 12 hex digits are a 48-bit sequence number. So ids are unique within a pipeline, and two
 * pipelines (two processes, two restarts) share one only if their 70 random bits are equal. Every event and batch
 * gets its id once, when it is created, and keeps it across retries.
 *
 * They are not random past their prefix: someone who sees one id can guess the next ones. Pass your own
 * `idGenerator` when ids must be unpredictable.
 *
 * `first` (default 0) is the first sequence number, an integer in [0, 2^48) (tests start near the end).
 *
 * Errors: none of its own; `randomUUID` is called when the generator is created and again after 2^48 ids.
 *
 * @example
 * const nextId = createEventIdGenerator(() => globalThis.crypto.randomUUID());
 * nextId(); // '1f2e3d4c-5b6a-4798-8a6b-000000000000'
 * nextId(); // '1f2e3d4c-5b6a-4798-8a6b-000000000001'
 */
export function createEventIdGenerator(randomUUID: () => string, first = 0): () => string {
  return createEventIdSequence(randomUUID, first).next;
}

/**
 * Internal to the package: the default id generator, able to hand out an id without building its string yet. The
 * pipeline reserves the id of an index event when it records it (so ids keep the order of recording) and builds the
 * string when the event's batch is made: an event waiting in the queue then holds no id string.
 */
export interface EventIdSequence {
  /** The next id, as `createEventIdGenerator` gives it. */
  next(): string;
  /** Takes the next id without building it: returns its last 24 bits; {@link EventIdSequence.head}, read before, holds the rest. */
  reserve(): number;
  /**
   * The first 30 characters of the next id `reserve` takes, boxed: a new box whenever they change, so a renderer
   * tells heads apart by identity (one compare) where comparing the strings is a call. Read it before `reserve`.
   */
  readonly head: IdHead;
}

/** The first 30 characters of a run of ids (see {@link EventIdSequence.head}). */
export interface IdHead {
  readonly text: string;
}

/** The id of `reserve()`'s result and the head text read before it: the string `next()` would have returned. */
export function renderEventId(head: string, low: number): string {
  return head + (HEX3[low >>> 12] as string) + (HEX3[low & 0xfff] as string);
}

/**
 * {@link renderEventId} for ids rendered in sequence (a batch), their heads boxed ({@link EventIdSequence.head}): the
 * first 33 characters are shared by 4 096 consecutive ids, so they are concatenated once and each id costs one
 * concatenation; a head is told apart by its box's identity (one compare; comparing the strings is a call).
 *
 * @example
 * const render = createIdHeadRenderer();
 * const head = sequence.head;
 * render(head, sequence.reserve()); // the same string as renderEventId(head.text, low)
 */
export function createIdHeadRenderer(): (head: IdHead, low: number) => string {
  let lastHead: IdHead | null = null;
  let lastHigh = -1;
  let start = '';
  const render = (head: IdHead, low: number): string => {
    const high = low >>> 12;
    if (high !== lastHigh || head !== lastHead) {
      lastHead = head;
      lastHigh = high;
      start = head.text + (HEX3[high] as string);
    }
    return start + (HEX3[low & 0xfff] as string);
  };
  // The branch above runs once per 4 096 ids. V8 collects type feedback only from a function's first few calls on,
  // so a branch taken on the first call alone would be compiled without feedback, and deoptimize the code it is
  // inlined in (the queue's `take`) the first time it runs again. A few calls now, each taking it, give it feedback.
  const warm: IdHead = { text: '' };
  for (let i = 0; i < 16; i += 1) render(warm, i << 12);
  lastHead = null;
  lastHigh = -1;
  start = '';
  return render;
}

/** Creates an {@link EventIdSequence}; same arguments and ids as {@link createEventIdGenerator}. */
export function createEventIdSequence(randomUUID: () => string, first = 0): EventIdSequence {
  let prefix = '';
  let high = 0;
  let low = 0;
  let head = '';
  const reseed = (start: number) => {
    prefix = randomUUID().slice(0, 24);
    high = Math.floor(start / HALF) % HALF;
    low = start % HALF;
    head = prefix + hex6(high);
  };
  // Past the last of 2^24 ids: the next head (once per 2^24 ids, so out of the callers' compiled code).
  const carry = () => {
    low = 0;
    high += 1;
    if (high === HALF) reseed(0);
    else head = prefix + hex6(high);
    sequence.head = { text: head };
  };
  reseed(Number.isSafeInteger(first) && first >= 0 ? first : 0);
  const sequence: { head: IdHead; next(): string; reserve(): number } = {
    head: { text: head },
    next() {
      const id = renderEventId(head, low);
      low += 1;
      if (low === HALF) carry();
      return id;
    },
    reserve() {
      const taken = low;
      low += 1;
      if (low === HALF) carry();
      return taken;
    },
  };
  return sequence;
}

function hex6(n: number): string {
  return (HEX3[n >>> 12] as string) + (HEX3[n & 0xfff] as string);
}
