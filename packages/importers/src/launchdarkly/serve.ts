// LaunchDarkly "variation or rollout" (rules, the fallthrough) → a native serve. Variations are keyed by their index
// (`"0"`, `"1"`, ...). What LaunchDarkly answers MALFORMED_FLAG for when evaluation reaches it (a variation index
// out of range, a rollout with no slices, neither a variation nor a rollout, no fallthrough) becomes a rollout with no
// variations, which a `launchdarkly` datafile answers MALFORMED_FLAG for at the same point: the rest of the flag
// serves as LaunchDarkly's does. (A rollout slice or a target out of range is imported as it is: a `launchdarkly`
// datafile answers MALFORMED_FLAG for the contexts that reach it.)
import type { Bucketing, Rollout, Serve, WeightedVariation } from '@ensign/datafile-schema';
import { isNumber, isRecord, type Collector } from './collector.js';
import type { LdRollout, LdVariationOrRollout } from './ld-types.js';


/** What the rollout hashes with, besides its own fields: the flag key and salt. */
export interface FlagHashInputs {
  readonly key: string;
  readonly salt: string;
}

/** The variation key of a LaunchDarkly variation index. */
export function variationKey(index: number): string {
  return String(index);
}

function inRange(index: number, count: number): boolean {
  return Number.isInteger(index) && index >= 0 && index < count;
}

function checkIndex(index: number, count: number, path: string, out: Collector): void {
  if (!inRange(index, count)) {
    out.warn(path, `variation index ${index} is out of range (the flag has ${count}): LaunchDarkly answers MALFORMED_FLAG where evaluation reaches it, and so does the imported flag`);
  }
}

const REACHED = 'LaunchDarkly answers MALFORMED_FLAG when evaluation reaches it, and so does the imported flag';

/** A serve that answers MALFORMED_FLAG when evaluation reaches it (a `launchdarkly` rollout with no variations). */
function malformedServe(flag: FlagHashInputs): Serve {
  return { rollout: { bucketing: { hash: 'launchdarkly', hashKey: flag.key, salt: flag.salt }, variations: [] } };
}

function convertRollout(rollout: LdRollout, flag: FlagHashInputs, count: number, path: string, out: Collector): Rollout {
  const bucketing: Bucketing = { hash: 'launchdarkly', hashKey: flag.key, salt: flag.salt };
  const isExperiment = rollout.kind === 'experiment';
  if (typeof rollout.contextKind === 'string' && rollout.contextKind !== '') bucketing.contextKind = rollout.contextKind;
  // Without `contextKind` LaunchDarkly reads `bucketBy` as a literal name; so does the evaluator in this mode.
  if (typeof rollout.bucketBy === 'string' && rollout.bucketBy !== '') {
    if (isExperiment) out.warn(`${path}.bucketBy`, 'experiments always bucket by key (as LaunchDarkly): bucketBy is kept but has no effect');
    bucketing.bucketBy = rollout.bucketBy;
  }
  if (isNumber(rollout.seed)) bucketing.seed = rollout.seed;
  const slices = Array.isArray(rollout.variations) ? rollout.variations : [];
  let total = 0;
  const variations: WeightedVariation[] = slices.map((s, i) => {
    const index = isRecord(s) && isNumber(s.variation) ? s.variation : -1;
    checkIndex(index, count, `${path}.variations[${i}].variation`, out);
    const weight = isRecord(s) && isNumber(s.weight) ? s.weight : 0;
    total += weight;
    const slice: WeightedVariation = { variation: variationKey(index), weight };
    if (isRecord(s) && s.untracked === true) slice.untracked = true;
    return slice;
  });
  if (slices.length > 0 && total !== 100_000) {
    out.warn(`${path}.variations`, `weights add up to ${total}, not 100000: as LaunchDarkly, a bucket past the last slice gets the last slice`);
  }
  const rollOut: Rollout = { bucketing, variations };
  if (isExperiment) rollOut.kind = 'experiment';
  return rollOut;
}

/**
 * Converts a variation-or-rollout. `count` is the number of the flag's variations, for the range check.
 */
export function convertServe(vr: LdVariationOrRollout | undefined, flag: FlagHashInputs, count: number, path: string, out: Collector): Serve {
  if (!isRecord(vr)) {
    out.warn(path, `missing: ${REACHED}`);
    return malformedServe(flag);
  }
  // As the SDK: a defined `variation` wins, else a rollout.
  if (vr.variation !== undefined) {
    const index = isNumber(vr.variation) ? vr.variation : -1;
    if (!inRange(index, count)) {
      out.warn(`${path}.variation`, `variation index ${index} is out of range (the flag has ${count}): ${REACHED}`);
      return malformedServe(flag);
    }
    return { variation: variationKey(index) };
  }
  if (isRecord(vr.rollout)) {
    if (!Array.isArray(vr.rollout.variations) || vr.rollout.variations.length === 0) {
      out.warn(`${path}.rollout.variations`, `a rollout with no variations: ${REACHED}`);
      return malformedServe(flag);
    }
    return { rollout: convertRollout(vr.rollout, flag, count, `${path}.rollout`, out) };
  }
  out.warn(path, `neither a variation nor a rollout: ${REACHED}`);
  return malformedServe(flag);
}
