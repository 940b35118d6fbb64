import { describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { rolloutsPayload } from './configs-rollouts.js';
import { segmentsPayload } from './configs-segments.js';
import { targetingPayload } from './configs-targeting.js';
import { generateContexts } from './contexts.js';
import { ensignClient, launchDarklyClient } from './differential.js';

// The event and client-side settings of a flag show in `allFlagsState(...).toJSON()` (what browser SDKs bootstrap
// from): `version`, `trackEvents`, `trackReason` (experiments, `trackEventsFallthrough`), `debugEventsUntilDate`, the
// `prerequisites` evaluated for each flag, and which flags `clientSideOnly` keeps.
function payload() {
  const r = rolloutsPayload();
  const t = targetingPayload();
  // Flags with prerequisites (a chain, a flag with two, an off prerequisite) and the segments they read: each flag's
  // metadata lists the prerequisites evaluated for it.
  const s = segmentsPayload();
  const base = t.flags['rules-mixed'] as Record<string, unknown>;
  return {
    flags: {
      ...s.flags,
      ...r.flags,
      ...t.flags,
      tracked: { ...base, key: 'tracked', trackEvents: true, debugEventsUntilDate: 4_000_000_000_000, clientSideAvailability: { usingEnvironmentId: true, usingMobileKey: false } },
      'legacy-client-side': { ...base, key: 'legacy-client-side', clientSide: true },
      'mobile-only': { ...base, key: 'mobile-only', clientSide: false, clientSideAvailability: { usingEnvironmentId: false, usingMobileKey: true } },
      'excluded-from-summaries': { ...base, key: 'excluded-from-summaries', excludeFromSummaries: true, samplingRatio: 3 },
    },
    segments: s.segments,
  };
}

type State = Record<string, unknown> & { $flagsState: Record<string, { reason?: Record<string, unknown> }> };

describe('LaunchDarkly allFlagsState, against the LaunchDarkly Node server SDK', () => {
  it('gives 1 000 generated contexts the same state (values, versions, reasons, event settings, client-side flags)', async () => {
    const p = payload();
    const ld = await launchDarklyClient(p);
    const { client } = await ensignClient(p);
    const differences: string[] = [];
    try {
      for (const context of generateContexts(1_000, 51)) {
        for (const options of [{ withReasons: true }, { clientSideOnly: true }, { withReasons: true, detailsOnlyForTrackedFlags: true }]) {
          // As sent to a browser: JSON (LaunchDarkly's reasons carry \`ruleId: undefined\` for rules without an id).
          const theirs = JSON.parse(JSON.stringify((await ld.allFlagsState(context as never, options)).toJSON())) as State;
          const ours = JSON.parse(JSON.stringify(client.allFlagsState(context, options).toJSON())) as State;
          for (const flag of new Set([...Object.keys(theirs), ...Object.keys(ours), ...Object.keys(theirs.$flagsState), ...Object.keys(ours.$flagsState)])) {
            const a = [theirs[flag], theirs.$flagsState[flag]];
            const b = [ours[flag], ours.$flagsState[flag]];
            if (!isDeepStrictEqual(a, b) && differences.length < 5) {
              differences.push(`flag ${flag}, options ${JSON.stringify(options)}, context ${JSON.stringify(context)}\nLaunchDarkly: ${JSON.stringify(a)}\nEnsign:       ${JSON.stringify(b)}`);
            }
          }
        }
      }
    } finally {
      ld.close();
      await client.close();
    }
    expect(differences.join('\n\n')).toBe('');
  }, 60_000);
});
