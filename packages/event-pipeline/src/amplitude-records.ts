// The Amplitude-style record calls: assignment and exposure events, deduplicated per identity and flags in an LRU
// with a time to live. Private ids are left out of the events by the factory (see private-values.ts).
import { assignmentCanonical, dedupKey, exposureCanonical, resolveIdentity } from './amplitude-identity.js';
import type { ResolvedIdentity } from './amplitude-identity.js';
import type { EventFactory } from './event-factory.js';
import type { EnsignEvent } from './events.js';
import type { AssignmentInput, ExposureInput, ExposuresInput, RecordOutcome } from './inputs.js';
import { createLruCache } from './lru-cache.js';
import type { ResolvedOptions } from './options.js';
import { isObject } from './record-helpers.js';
import type { SharedDedupGate } from './shared-dedup-gate.js';

/** What the Amplitude records need from the pipeline. */
export interface AmplitudeRecordPorts {
  o: ResolvedOptions;
  factory: EventFactory;
  isOpen(): boolean;
  /** Counts a record after close() as dropped. */
  closed(): RecordOutcome;
  /** Counts an unreadable input as dropped. */
  invalid(): RecordOutcome;
  /** Builds, queues and counts an event. */
  emit(build: () => EnsignEvent): RecordOutcome;
  /** Fleet-wide dedup (`sharedDedup`): the key of each event queued. */
  shared: SharedDedupGate;
}

/** The Amplitude record calls of a pipeline. */
export interface AmplitudeRecords {
  recordAssignment(input: AssignmentInput): RecordOutcome;
  recordExposure(input: ExposureInput): RecordOutcome;
  recordExposures(input: ExposuresInput): RecordOutcome;
}

/** Creates the Amplitude record calls, with their deduplication caches (`assignmentDedup`, `exposureDedup`). */
export function createAmplitudeRecords(p: AmplitudeRecordPorts): AmplitudeRecords {
  const { o, factory } = p;
  const assigned = createLruCache<true>({ capacity: o.assignmentDedup.capacity, ttlMs: o.assignmentDedup.ttlMs, clock: o.clock });
  const exposed = createLruCache<true>({ capacity: o.exposureDedup.capacity, ttlMs: o.exposureDedup.ttlMs, clock: o.clock });
  // One evaluation's ids, canonical string (every flag with its variant, sorted) and dedup key, or the outcome of an
  // input that cannot be recorded (closed, unreadable, no flags).
  const evaluationOf = (input: AssignmentInput | ExposuresInput): { identity: ResolvedIdentity; canonical: string; key: string | null } | RecordOutcome => {
    if (!p.isOpen()) return p.closed();
    if (!isObject(input) || !isObject(input.context) || !Array.isArray(input.flags)) return p.invalid();
    if (input.flags.length === 0) return 'skipped';
    try {
      const identity = resolveIdentity(input.context, input);
      const canonical = assignmentCanonical(identity, input.flags);
      return { identity, canonical, key: dedupKey(input.context, identity, canonical) };
    } catch {
      return p.invalid(); // ids or flags that are not strings
    }
  };
  return {
    recordAssignment(input) {
      const checked = evaluationOf(input);
      if (typeof checked === 'string') return checked;
      const { identity, canonical, key } = checked;
      // Deduplicated on the real ids (kept in memory only), so a private id still deduplicates.
      if (key !== null && assigned.has(key)) return 'deduplicated';
      const outcome = p.emit(() => p.shared.mark(factory.assignment(input, identity, canonical), 'assignment', key));
      if (outcome === 'queued' && key !== null) assigned.set(key, true);
      return outcome;
    },

    recordExposure(input) {
      if (!p.isOpen()) return p.closed();
      if (!isObject(input) || !isObject(input.context) || typeof input.flagKey !== 'string') return p.invalid();
      const variantKey = input.variantKey;
      if (typeof variantKey !== 'string' || variantKey === '' || input.isDefault === true || input.trackExposure === false) return 'skipped';
      let identity: ResolvedIdentity;
      try {
        identity = resolveIdentity(input.context, input);
      } catch {
        return p.invalid();
      }
      const canonical = exposureCanonical(identity, input.flagKey, variantKey);
      const key = dedupKey(input.context, identity, canonical);
      if (key !== null && exposed.has(key)) return 'deduplicated';
      const outcome = p.emit(() => p.shared.mark(factory.exposure({ ...input, variantKey }, identity, canonical), 'exposure', key));
      if (outcome === 'queued' && key !== null) exposed.set(key, true);
      return outcome;
    },

    recordExposures(input) {
      const checked = evaluationOf(input);
      if (typeof checked === 'string') return checked;
      const { identity, canonical, key } = checked;
      // The evaluation as a whole, as Amplitude's filter keys it: seen once in the window, it sends nothing again.
      if (key !== null && exposed.has(key)) return 'deduplicated';
      if (key !== null) exposed.set(key, true);
      const recanonical = (id: ResolvedIdentity) => assignmentCanonical(id, input.flags);
      let outcome: RecordOutcome = 'skipped';
      for (const f of input.flags) {
        const variantKey = f.variantKey;
        if (typeof variantKey !== 'string' || variantKey === '' || f.isDefault === true || f.trackExposure === false) continue;
        const one: ExposureInput & { variantKey: string } = { ...f, context: input.context, variantKey, ...(input.userId !== undefined ? { userId: input.userId } : {}), ...(input.deviceId !== undefined ? { deviceId: input.deviceId } : {}) };
        // Fleet-wide, each event has a key of its own (the evaluation's, and its flag).
        const made = p.emit(() => p.shared.mark(factory.exposure(one, identity, canonical, recanonical), 'exposure', key === null ? null : `${key}\u0000${f.flagKey}`));
        if (made === 'queued' || outcome === 'skipped') outcome = made;
      }
      return outcome;
    },
  };
}
