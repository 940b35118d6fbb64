// LaunchDarkly "variation or rollout" (rules, the fallthrough) → a native serve. Variations are keyed by their index
// (`"0"`, `"1"`, ...). What LaunchDarkly answers MALFORMED_FLAG for when evaluation reaches it (an index out of
// range, a rollout with no slices, neither a variation nor a rollout) is imported as it is — a reference to a
// variation the flag lacks, or an empty rollout — so the datafile parser quarantines the flag: it is never dropped.
import type { Bucketing, Rollout, Serve, WeightedVariation } from '@ensign/datafile-schema';
import { isNumber, isRecord, type Collector } from './collector.js';
import type { LdRollout, LdVariationOrRollout } from './ld-types.js';

/** The key a served-nothing reference uses: no LaunchDarkly variation has it, so the flag is quarantined. */
export const MISSING_SERVE = 'missing-variation-or-rollout';

/** What the rollout hashes with, besides its own fields: the flag key and salt. */
export interface FlagHashInputs {
  readonly key: string;
  readonly salt: string;
}

/** The variation key of a LaunchDarkly variation index. */
export function variationKey(index: number): string {
  return String(index);
}

function checkIndex(index: number, count: number, path: string, out: Collector): void {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    out.warn(path, `variation index ${index} is out of range (the flag has ${count}): LaunchDarkly answers MALFORMED_FLAG here, so the flag is imported as malformed`);
  }
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
    out.warn(path, 'missing: LaunchDarkly answers MALFORMED_FLAG when evaluation reaches it, so the flag is imported as malformed');
    return { variation: MISSING_SERVE };
  }
  // As the SDK: a defined `variation` wins, else a rollout.
  if (vr.variation !== undefined) {
    const index = isNumber(vr.variation) ? vr.variation : -1;
    checkIndex(index, count, `${path}.variation`, out);
    return { variation: variationKey(index) };
  }
  if (isRecord(vr.rollout)) {
    if (!Array.isArray(vr.rollout.variations) || vr.rollout.variations.length === 0) {
      out.warn(`${path}.rollout.variations`, 'a rollout with no variations: LaunchDarkly answers MALFORMED_FLAG when evaluation reaches it, so the flag is imported as malformed');
      return { variation: MISSING_SERVE };
    }
    return { rollout: convertRollout(vr.rollout, flag, count, `${path}.rollout`, out) };
  }
  out.warn(path, 'neither a variation nor a rollout: LaunchDarkly answers MALFORMED_FLAG when evaluation reaches it, so the flag is imported as malformed');
  return { variation: MISSING_SERVE };
}
