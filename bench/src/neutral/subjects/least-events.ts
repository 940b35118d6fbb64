// W4's floor: the least work a recorder of LaunchDarkly-shaped events can do per call, hand-written beside Ensign's
// events-off `variation`, so W4's overhead target can be read against what such events cost at the least.
//
// Per call, what LaunchDarkly's contract asks for and nothing more: one clock read, one summary counter bumped (by the
// flag's index, which a recorder fused with the evaluation has from the flag it just evaluated, and the variation
// index: no lookup; until the fourth stop of 2026-12-06, a `Map` lookup of the flag key), and the context key checked
// in a set of the last 1 000 keys. A key not held is a new context: its index event is kept as a copy of the context
// (so a caller who changes the object later changes nothing sent, as Ensign promises) and the time, in a
// preallocated ring.
// Each 1 000 records become a batch of event objects, and `flush()` adds the summary event; what is sent is counted.
//
// It does less than any real SDK: the key set evicts in insertion order (no recency), never expires (the window is
// reset by a timer in LaunchDarkly's SDK, outside the call), and hashes four characters and the length (enough for
// UUIDs; a real set must resist keys chosen to collide). It checks nothing (no private attributes, no input errors,
// no queue bounds, no try/catch), serializes nothing and sends synchronously.
/** Contexts remembered for index-event dedup (LaunchDarkly's `contextKeysCapacity` default). */
const KEYS = 1_000;
/** Records per batch (Ensign's client default `eventBatchSize`). */
const BATCH = 1_000;

/** A hand-written recorder of index and summary events, and what it delivered. */
export interface LeastRecorder {
  /** One evaluation of flag number `flag` (its index in the recorder's flag keys) that served `value`. */
  record(flag: number, context: Record<string, unknown>, value: boolean): void;
  /** Sends what is held: the index events and the summary of the counts since the last flush. */
  flush(): void;
  /** Events delivered: index events and one summary per flush. */
  readonly events: () => number;
  /** Every event object delivered, when created with `keep` (tests). */
  readonly delivered: readonly Record<string, unknown>[];
}

/** Creates the recorder for the flag keys of the workload; `keep` retains every delivered event (tests only). */
export function createLeastRecorder(flagKeys: readonly string[], keep = false): LeastRecorder {
  // Per flag, the counts of its two variations: 0 (false) at 2 × flag, 1 (true) at 2 × flag + 1.
  const counts = new Float64Array(flagKeys.length * 2);
  let size = 16;
  while (size < KEYS * 4) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size);
  const hashes = new Int32Array(KEYS);
  const keys: string[] = new Array<string>(KEYS).fill('');
  let nextSlot = 0;
  let held = 0;
  const snapshots: Record<string, unknown>[] = new Array<Record<string, unknown>>(BATCH);
  const times = new Float64Array(BATCH);
  let recorded = 0;
  let startDate = 0;
  let events = 0;
  const delivered: Record<string, unknown>[] = [];

  const hash = (key: string): number => {
    const n = key.length;
    let h = Math.imul(n ^ (key.charCodeAt(n - 1) | (key.charCodeAt(n - 2) << 16)), 0x01000193);
    h = Math.imul(h ^ (key.charCodeAt(n - 3) | (key.charCodeAt(n - 4) << 16)), 0x01000193);
    return h ^ (h >>> 16);
  };
  // Open addressing; the slot given up by the oldest key is taken out by backward shift (the deletion of the pipeline's
  // context-key-set.ts, written apart: the floor imports nothing of Ensign's event code).
  const unplace = (slot: number) => {
    let i = (hashes[slot] as number) & mask;
    while (table[i] !== slot + 1) i = (i + 1) & mask;
    for (let j = (i + 1) & mask; table[j] !== 0; j = (j + 1) & mask) {
      const home = (hashes[(table[j] as number) - 1] as number) & mask;
      if (((home - i - 1) & mask) >= ((j - i) & mask)) {
        table[i] = table[j] as number;
        i = j;
      }
    }
    table[i] = 0;
  };
  const isNew = (key: string): boolean => {
    const h = hash(key);
    let i = h & mask;
    for (let e = table[i] as number; e !== 0; i = (i + 1) & mask, e = table[i] as number) {
      if (hashes[e - 1] === h && keys[e - 1] === key) return false;
    }
    const slot = nextSlot;
    nextSlot = slot + 1 === KEYS ? 0 : slot + 1;
    if (held === KEYS) unplace(slot);
    else held += 1;
    keys[slot] = key;
    hashes[slot] = h;
    let j = h & mask;
    while (table[j] !== 0) j = (j + 1) & mask;
    table[j] = slot + 1;
    return true;
  };

  // The index events held, as one batch of event objects.
  const sendIndex = () => {
    const batch: Record<string, unknown>[] = [];
    for (let r = 0; r < recorded; r++) batch.push({ kind: 'index', creationDate: times[r], context: snapshots[r] });
    snapshots.fill(undefined as never, 0, recorded);
    recorded = 0;
    send(batch);
  };
  const send = (batch: Record<string, unknown>[]) => {
    events += batch.length;
    if (keep) delivered.push(...batch);
  };
  // What is held, and the summary of the counts since the last flush (Ensign sends its summary on its flush
  // interval, 5 s by default, and at close: once in a counted run).
  const flush = () => {
    sendIndex();
    if (startDate === 0) return;
    const features: Record<string, unknown> = {};
    flagKeys.forEach((key, f) => {
      if (counts[2 * f] === 0 && counts[2 * f + 1] === 0) return;
      const list: Record<string, unknown>[] = [];
      for (let v = 0; v < 2; v++) if (counts[2 * f + v] !== 0) list.push({ variation: v, version: 1, value: v === 1, count: counts[2 * f + v] });
      features[key] = { default: false, counters: list, contextKinds: ['user'] };
    });
    counts.fill(0);
    send([{ kind: 'summary', startDate, endDate: Date.now(), features }]);
    startDate = 0;
  };

  return {
    record(flag, context, value) {
      const now = Date.now();
      if (startDate === 0) startDate = now;
      const at = 2 * flag + (value ? 1 : 0);
      counts[at] = (counts[at] as number) + 1;
      if (isNew(context['key'] as string)) {
        snapshots[recorded] = { ...context };
        times[recorded] = now;
        if (++recorded === BATCH) sendIndex();
      }
    },
    flush,
    events: () => events,
    delivered,
  };
}
