// Comparing GrowthBook's `evalFeature` with Ensign's LaunchDarkly-style `variationDetail` on an imported datafile:
// the same value (deep), the matching reason kind (default value → FALLTHROUGH, force and experiment →
// RULE_MATCH, the experiment one `inExperiment`, a closed gate → PREREQUISITE_FAILED, a prerequisite cycle → an
// error), and the same rule id when GrowthBook's rule has one.
import { isDeepStrictEqual } from 'node:util';

/** GrowthBook's answer, as `evalFeature` returns it. */
export interface GrowthBookAnswer {
  value: unknown;
  source: string;
  ruleId?: string;
}

/** Ensign's answer, as `variationDetail` returns it. */
export interface EnsignAnswer {
  value: unknown;
  reason: { kind: string; ruleId?: string; inExperiment?: boolean; errorKind?: string };
}

const KINDS: Readonly<Record<string, string>> = {
  defaultValue: 'FALLTHROUGH',
  force: 'RULE_MATCH',
  experiment: 'RULE_MATCH',
  prerequisite: 'PREREQUISITE_FAILED',
  cyclicPrerequisite: 'ERROR',
  unknownFeature: 'ERROR',
};

/** Why the two answers differ, or null when they agree. */
export function difference(gb: GrowthBookAnswer, ours: EnsignAnswer): string | null {
  const value = gb.value === undefined ? null : gb.value;
  if (!isDeepStrictEqual(value, ours.value)) return 'value';
  const kind = KINDS[gb.source];
  if (kind === undefined) return `unexpected GrowthBook source ${gb.source}`;
  if (ours.reason.kind !== kind) return 'reason kind';
  if (gb.source === 'experiment' && ours.reason.inExperiment !== true) return 'inExperiment';
  if (gb.source === 'force' && ours.reason.inExperiment === true) return 'inExperiment';
  if ((gb.source === 'force' || gb.source === 'experiment') && gb.ruleId && gb.ruleId !== ours.reason.ruleId) return 'rule id';
  return null;
}
