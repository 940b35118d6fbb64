// The core's decision path with events on: `DECIDE_CHECKED_CONTEXT` (no second check of a checked context) and the
// sink's rule lookups (only where they can matter, once per decision) must leave results, hooks, `decision` and events alone.
import { createFakeScheduler } from '@ensign/common/testing';
import type { Context } from '@ensign/context';
import { validateContext } from '@ensign/context';
import type { Datafile, Flag, JsonValue } from '@ensign/datafile-schema';
import { parseDatafile } from '@ensign/datafile-schema';
import { generateDatafile } from '@ensign/datafile-schema/testing';
import type { EnsignEvent } from '@ensign/event-pipeline';
import { createFakeDispatcher, createRecordingLogger } from '@ensign/event-pipeline/testing';
import type { EvaluationResult } from '@ensign/evaluator-core';
import { compileDatafile, evaluateFlag, getFlag } from '@ensign/evaluator-core';
import { describe, expect, it } from 'vitest';
import { ruleOf } from '../src/core/events/flag-rules.js';
import { ruleTypeOf } from '../src/core/events/optimizely-decision.js';
import { isLaunchDarklyEvaluationTracked, isOptimizelyDecisionTracked } from '../src/core/events/track-policy.js';
import type { ClientCore, DecisionEvent, EnsignClient, FaceFactory, Hook } from './client.js';
import { createClient, DECIDE_CHECKED_CONTEXT } from './client.js';

function generated(seed: number): Datafile {
  const parsed = parseDatafile(JSON.stringify(generateDatafile({ flags: 40, seed, variety: true })));
  if (!parsed.ok) throw new Error('the generated datafile did not parse');
  return parsed.datafile;
}

interface RawFace {
  raw(flagKey: string, context: Context, defaultValue: JsonValue): EvaluationResult;
}

/** A client whose `raw` decides through `core.decide` with `flags`, recording hooks, `decision` and events. */
function clientDeciding(datafile: Datafile, flags: number, faceName = 'launchdarkly') {
  const face: FaceFactory<RawFace> = (core: ClientCore) => ({
    raw: (flagKey, context, defaultValue) => core.decide(faceName, 'variation', core.store.current()!, flagKey, context, defaultValue, undefined, flags),
  });
  const seen: unknown[] = [];
  const hook: Hook = {
    getMetadata: () => ({ name: 'recorder' }),
    beforeEvaluation: (ctx, data) => (seen.push(['before', ctx.flagKey, ctx.context, ctx.defaultValue, ctx.method]), data),
    afterEvaluation: (ctx, data, detail) => (seen.push(['after', ctx.flagKey, detail]), data),
  };
  const dispatcher = createFakeDispatcher();
  const scheduler = createFakeScheduler();
  const client = createClient(
    { datafile, logger: createRecordingLogger(), scheduler, clock: scheduler.clock, eventDispatcher: dispatcher, hooks: [hook] },
    { faces: [face] },
  ) as EnsignClient & RawFace;
  const decisions: DecisionEvent[] = [];
  client.on('decision', (e) => decisions.push(e));
  const events = async (): Promise<EnsignEvent[]> => {
    await client.flush();
    // Ids are random per event; everything else must match.
    return dispatcher.delivered().map((e) => ({ ...e, id: 'id' }) as EnsignEvent);
  };
  return { client, seen, decisions, events };
}

const CONTEXTS: unknown[] = [
  { kind: 'user', key: 'user-1', country: 'US', plan: 'pro', age: 41, beta: true },
  { kind: 'user', key: 'user-3', name: 'Ann', anonymous: true, email: 'a@b.test', _meta: { privateAttributes: ['email'] } },
  { kind: 'org', key: 'org-7', tier: 'enterprise' },
  { kind: 'multi', user: { key: 'user-2', country: 'DE' }, org: { key: 'org-1', tier: 'free' } },
  { key: 'legacy-user', custom: { plan: 'pro' } },
];

/**
 * Decides every flag of `datafile` through `client.raw` (default null) for every valid context of CONTEXTS, in that
 * order, and gives `visit` the evaluator's own result for the same call and the datafile's flag.
 */
function decideEvery(datafile: Datafile, client: RawFace, visit: (result: EvaluationResult, known: Flag) => void): void {
  const compiled = compileDatafile(datafile);
  for (const input of CONTEXTS) {
    const validation = validateContext(input);
    if (!validation.ok) continue;
    for (const flag of datafile.flags) {
      client.raw(flag.key, validation.context, null);
      const result = evaluateFlag(compiled, validation.context, flag.key, { defaultValue: null });
      const known = getFlag(compiled, flag.key);
      if (known !== undefined) visit(result, known);
    }
  }
}

describe('core.decide with DECIDE_CHECKED_CONTEXT', () => {
  it('answers, runs hooks, emits `decision` and records events exactly as without it, for checked contexts', async () => {
    for (const seed of [1, 2, 3]) {
      const datafile = generated(seed);
      const plain = clientDeciding(datafile, 0);
      const checked = clientDeciding(datafile, DECIDE_CHECKED_CONTEXT);
      const keys = [...datafile.flags.map((f) => f.key), 'no-such-flag'];
      let count = 0;
      for (const input of CONTEXTS) {
        const validation = validateContext(input);
        expect(validation.ok).toBe(true);
        if (!validation.ok) continue;
        for (const key of keys) {
          const defaultValue = count++ % 2 === 0 ? false : 'fallback';
          expect(checked.client.raw(key, validation.context, defaultValue)).toEqual(plain.client.raw(key, validation.context, defaultValue));
        }
      }
      expect(checked.seen).toEqual(plain.seen);
      expect(checked.seen.length).toBe(2 * count);
      expect(checked.decisions).toEqual(plain.decisions);
      expect(checked.decisions.length).toBe(count);
      expect(await checked.events()).toEqual(await plain.events());
      await Promise.all([plain.client.close(), checked.client.close()]);
    }
  });
});

describe('LaunchDarkly decision events', () => {
  it('are sent for exactly the tracked evaluations (flag, rule, fallthrough, experiment), with the rule\'s experiment id', async () => {
    let tracked = 0;
    let ruleTracked = 0;
    let prerequisiteEvents = 0;
    for (const seed of [4, 5, 6, 7]) {
      const datafile = generated(seed);
      const { client, events } = clientDeciding(datafile, DECIDE_CHECKED_CONTEXT);
      const expected: unknown[] = [];
      decideEvery(datafile, client, (result, known) => {
        const rule = ruleOf(known, result.ruleId);
        const track = isLaunchDarklyEvaluationTracked({
          reasonKind: result.reason.kind,
          flagTrackEvents: known.trackEvents === true,
          inExperiment: result.reason.inExperiment === true,
          ruleTrackEvents: rule?.trackEvents === true,
          trackEventsFallthrough: known.trackEventsFallthrough === true,
        });
        if (!track) return;
        tracked++;
        if (result.reason.kind === 'RULE_MATCH' && rule?.trackEvents === true && known.trackEvents !== true) ruleTracked++;
        expected.push({ flagKey: result.flagKey, ruleId: result.ruleId, experimentId: rule?.experiment?.id ?? null, variationKey: result.variationKey });
      });
      const decisions = (await events()).filter((e) => e.kind === 'decision') as (EnsignEvent & { flagKey: string; ruleId: string | null; experimentId: string | null; variationKey: string | null; prereqOf: string | null })[];
      // The evaluations of prerequisites are recorded too, as LaunchDarkly records them, each naming the flag that
      // requires it (importers/test/launchdarkly/events.test.ts compares them with LaunchDarkly's own events).
      for (const d of decisions.filter((e) => e.prereqOf !== null)) {
        prerequisiteEvents++;
        expect(datafile.flags.find((f) => f.key === d.prereqOf)?.prerequisites?.some((p) => p.flagKey === d.flagKey)).toBe(true);
      }
      const sent = decisions.filter((e) => e.prereqOf === null).map((d) => ({ flagKey: d.flagKey, ruleId: d.ruleId, experimentId: d.experimentId, variationKey: d.variationKey }));
      expect(sent).toEqual(expected);
      await client.close();
    }
    // The datafiles do exercise the paths: tracked evaluations, some of them by a tracked rule alone.
    expect(tracked).toBeGreaterThan(0);
    expect(ruleTracked).toBeGreaterThan(0);
    expect(prerequisiteEvents).toBeGreaterThan(0);
  });
});

describe('Optimizely decision events', () => {
  it('are sent for exactly the tracked decisions, with the rule type ruleTypeOf gives and the rule\'s experiment id', async () => {
    const types = new Set<string | null>();
    for (const seed of [8, 9, 10, 11]) {
      const datafile = generated(seed);
      datafile.settings = { ...datafile.settings, sendFlagDecisions: seed % 2 === 0 };
      const { client, events } = clientDeciding(datafile, 0, 'optimizely');
      const expected: unknown[] = [];
      decideEvery(datafile, client, (result, known) => {
        const ruleType = ruleTypeOf(result, known);
        types.add(ruleType);
        if (!isOptimizelyDecisionTracked({ ruleType, sendFlagDecisions: seed % 2 === 0 })) return;
        // A holdout's impression carries the holdout's id (Optimizely's experiment_id), which is the result's rule id.
        const experimentId = ruleType === 'holdout' ? (datafile.holdouts?.find((h) => h.id === result.ruleId || h.key === result.ruleKey)?.id ?? result.ruleId) : (ruleOf(known, result.ruleId)?.experiment?.id ?? null);
        expected.push({ flagKey: result.flagKey, ruleType, experimentId });
      });
      const sent = (await events()).filter((e) => e.kind === 'decision').map((e) => {
        const d = e as EnsignEvent & { flagKey: string; ruleType: string | null; experimentId: string | null };
        return { flagKey: d.flagKey, ruleType: d.ruleType, experimentId: d.experimentId };
      });
      expect(sent).toEqual(expected);
      await client.close();
    }
    expect(types.has('rollout') && types.has('experiment') && types.has('holdout')).toBe(true);
  });
});
