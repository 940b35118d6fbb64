// Amplitude Experiment (`@amplitude/experiment-core`): the benchmark flags as Amplitude's local-evaluation flag
// configs (the v2 "evaluation" format), evaluated by the core `EvaluationEngine`. The rule is a segment with an
// AND of two `is` conditions; the 50/50 rollout is a bucketed segment (salt = the flag's salt, selector user_id).
// The topological sort, which Amplitude's local client redoes on every call, is done once at setup here: the core
// engine's best case. There is no exposure service in experiment-core (it lives in experiment-node-server, which
// is not a dependency), so Amplitude has no W4 row.
import { EvaluationEngine, topologicalSort, type EvaluationFlag } from '@amplitude/experiment-core';
import type { Subject } from '../harness/subject.js';
import { FLAG_COUNT, flagKey, flagSalt, RULE_COUNTRIES, RULE_PLAN, type Decision } from '../workload/spec.js';

/** Amplitude's distribution space: `floor(hash / 100)` lies in [0, 42949673). */
const DISTRIBUTION_END = 42_949_673;
/** The 50/50 split point of the distribution space (as Amplitude's UI writes it). */
const DISTRIBUTION_SPLIT = 21_474_837;

/** The Amplitude flag config of benchmark flag `i`. */
export function amplitudeFlag(i: number): EvaluationFlag {
  return {
    key: flagKey(i),
    metadata: { deployed: true, evaluationMode: 'local', flagType: 'release', flagVersion: 1 },
    variants: { off: { key: 'off', value: 'off' }, on: { key: 'on', value: 'on' } },
    segments: [
      {
        metadata: { segmentName: 'targeted' },
        conditions: [
          [
            { selector: ['context', 'user', 'country'], op: 'is', values: [...RULE_COUNTRIES] },
            { selector: ['context', 'user', 'user_properties', 'plan'], op: 'is', values: [RULE_PLAN] },
          ],
        ],
        variant: 'on',
      },
      {
        metadata: { segmentName: 'All Other Users' },
        bucket: {
          selector: ['context', 'user', 'user_id'],
          salt: flagSalt(i),
          allocations: [
            {
              range: [0, 100],
              distributions: [
                { variant: 'off', range: [0, DISTRIBUTION_SPLIT] },
                { variant: 'on', range: [DISTRIBUTION_SPLIT, DISTRIBUTION_END] },
              ],
            },
          ],
        },
        variant: 'off',
      },
    ],
  };
}

/** The flag configs of the first `n` flags, as the flag API returns them (an array). */
export function amplitudeFlags(n: number): EvaluationFlag[] {
  return Array.from({ length: n }, (_, i) => amplitudeFlag(i));
}

function byKey(flags: EvaluationFlag[]): Record<string, EvaluationFlag> {
  const out: Record<string, EvaluationFlag> = {};
  for (const f of flags) out[f.key] = f;
  return out;
}

function evaluationContext(id: string, country: string, plan: string): Record<string, unknown> {
  return { user: { user_id: id, country, user_properties: { plan } } };
}

/** Amplitude's core engine: W1, W2, W3 (no W4: no exposure service in experiment-core). */
export const amplitude: Subject = {
  name: 'amplitude',
  async w1() {
    const engine = new EvaluationEngine();
    const flags = byKey(amplitudeFlags(FLAG_COUNT));
    const sorted = Array.from({ length: FLAG_COUNT }, (_, i) => topologicalSort(flags, [flagKey(i)]));
    return {
      async: false,
      evaluationsPerCall: 1,
      run: (flag, id, country, plan) => engine.evaluate(evaluationContext(id, country, plan), sorted[flag] as EvaluationFlag[]),
    };
  },
  async w2() {
    const engine = new EvaluationEngine();
    const sorted = topologicalSort(byKey(amplitudeFlags(FLAG_COUNT)));
    return {
      async: false,
      evaluationsPerCall: FLAG_COUNT,
      run: (id, country, plan) => engine.evaluate(evaluationContext(id, country, plan), sorted),
    };
  },
  async w3(flags) {
    const text = JSON.stringify(amplitudeFlags(flags));
    return {
      async: false,
      evaluationsPerCall: 1,
      // Text to ready: parse the flag list, index it by key, sort it, and the first evaluation.
      run: () => {
        const engine = new EvaluationEngine();
        const sorted = topologicalSort(byKey(JSON.parse(text) as EvaluationFlag[]));
        engine.evaluate(evaluationContext('user-0', 'US', 'pro'), sorted.slice(0, 1));
        return sorted;
      },
    };
  },
  async decisions() {
    const engine = new EvaluationEngine();
    const flags = byKey(amplitudeFlags(FLAG_COUNT));
    return {
      async decide(flag, id, country, plan): Promise<Decision> {
        const key = flagKey(flag);
        const variant = engine.evaluate(evaluationContext(id, country, plan), topologicalSort(flags, [key]))[key];
        const segment = variant?.metadata?.['segmentName'];
        const variation = variant?.key === 'on' ? 'on' : variant?.key === 'off' ? 'off' : null;
        return { variation, branch: segment === 'targeted' ? 'rule' : segment === 'All Other Users' ? 'rollout' : null };
      },
      async close() {},
    };
  },
};
