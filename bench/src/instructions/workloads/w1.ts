// W1: one flag per call (flag `i % 100`), a fresh UUID user with seven attributes, the context built in the call.
import { amplitudeW1 } from '../../neutral/subjects/amplitude.js';
import { baselineW1, leastSdkW1 } from '../../neutral/subjects/baseline.js';
import { ensignContextOf, ensignContextOnly, ensignEvaluateFlag, ensignVariation } from '../../neutral/subjects/ensign.js';
import { growthbookW1, launchdarklyW1, optimizelyW1 } from '../../neutral/subjects/vendors.js';
import type { Workload } from '../../neutral/op.js';

export const w1: Workload = {
  name: 'W1',
  title: 'one flag per call, a fresh UUID user with seven attributes per call',
  calls: 40_000,
  warmup: 20_000,
  timedWarmup: 200_000,
  timedCalls: 300_000,
  unit: 'evaluation',
  rows: [
    { name: 'baseline', what: 'Map lookup + inline murmur3 over the key + compare (allocates nothing)', instructions: true, setup: baselineW1 },
    { name: 'context-only', what: 'the context literal alone, returned (what every SDK row builds before any SDK work)', instructions: true, setup: ensignContextOnly },
    { name: 'least-sdk', what: 'the context literal, then the baseline\'s decision read from it (no checks): the least an SDK can do', instructions: true, setup: (pool) => leastSdkW1(ensignContextOf(pool)) },
    { name: 'ensign-variation', what: '@ensign/node-sdk client.variation(key, context, false)', instructions: true, setup: ensignVariation },
    { name: 'ensign-evaluateFlag', what: '@ensign/evaluator-core evaluateFlag(compiled, context, key, { defaultValue: false })', instructions: true, setup: ensignEvaluateFlag },
    { name: 'amplitude-core', what: '@amplitude/experiment-core EvaluationEngine.evaluate(context, [flag]) (sorted once)', instructions: true, setup: amplitudeW1 },
    { name: 'growthbook', what: '@growthbook/growthbook GrowthBookClient.evalFeature(key, { attributes })', instructions: false, setup: growthbookW1 },
    { name: 'launchdarkly', what: '@launchdarkly/node-server-sdk await variation(key, context, false)', instructions: false, setup: launchdarklyW1 },
    { name: 'optimizely', what: '@optimizely/optimizely-sdk createUserContext(id, attributes).decide(key)', instructions: false, setup: optimizelyW1 },
  ],
};
