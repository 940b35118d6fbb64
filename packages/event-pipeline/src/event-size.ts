// The estimated serialized size of an event, computed once when it is queued (the queue is bounded in bytes).
// Index, identify and decision events are the ones recorded on the evaluation path: their fixed fields are
// counted as constants and only their variable parts are walked. Other kinds are walked whole.
import type { EnsignEvent } from './events.js';
import { estimateWithin } from './json-size.js';

// `{"kind":"index","id":"…36…","timestamp":…13…,"context":` and the closing brace, rounded up.
export const INDEX_EVENT_BASE_SIZE = 100;
const BASE = INDEX_EVENT_BASE_SIZE;
// The names, punctuation and small values of a decision event's other fields, rounded up.
const DECISION_FIELDS = 250;

const len = (s: string | null) => (s === null ? 4 : s.length + 2);

/**
 * Creates a sizer: the size of an event as JSON text, in characters (an estimate: exact for ASCII strings without
 * escapes, numbers rounded up). It returns -1 when the event holds a value JSON cannot carry (a BigInt, a cycle, a
 * throwing getter), and a number above `limit` as soon as it is known to be bigger. Allocates nothing. The index
 * and decision events of one evaluation share their redacted context (which nothing mutates): the sizer remembers
 * the last context it walked, so it is walked once.
 *
 * @example
 * const sizeOf = createEventSizer(64 * 1024 * 1024);
 * sizeOf({ kind: 'index', id, timestamp: Date.now(), context: { kind: 'user', key: 'u' } }); // about 110
 */
export function createEventSizer(limit: number): (event: EnsignEvent) => number {
  let lastContext: unknown = null;
  let lastSize = 0;
  const contextSize = (context: unknown): number => {
    if (context !== lastContext) {
      lastSize = estimateWithin(context, limit, 0);
      lastContext = lastSize < 0 ? null : context;
    }
    return lastSize;
  };
  return (event) => estimate(event, limit, contextSize);
}

function estimate(event: EnsignEvent, limit: number, contextSize: (context: unknown) => number): number {
  try {
    switch (event.kind) {
      case 'index':
      case 'identify':
        return plus(BASE, contextSize(event.context));
      case 'decision': {
        let n = BASE + DECISION_FIELDS + len(event.flagKey) + len(event.variationKey) + len(event.variationId) + len(event.ruleKey) + len(event.ruleId);
        n += len(event.experimentKey) + len(event.experimentId) + len(event.revision) + len(event.prereqOf);
        n = size(n, event.reason, limit);
        n = size(n, event.value, limit);
        n = size(n, event.defaultValue, limit);
        return n < 0 ? n : plus(n, contextSize(event.context));
      }
      default:
        return size(0, event, limit);
    }
  } catch {
    return -1;
  }
}

// A size plus a part's size; a part that is not JSON (-1) makes the whole -1.
const plus = (n: number, part: number) => (part < 0 ? -1 : n + part);

// Adds the size of `value` to `sofar`; -1 stays -1.
function size(sofar: number, value: unknown, limit: number): number {
  if (sofar < 0 || sofar > limit) return sofar;
  const n = estimateWithin(value, limit, sofar);
  return n < 0 ? -1 : sofar + n;
}
