// W2: all 100 flags for one fresh user per call.
import { amplitudeW2 } from '../../neutral/subjects/amplitude.js';
import { baselineW2 } from '../../neutral/subjects/baseline.js';
import { ensignAllFlagsState, ensignAllFlagsStateJson, ensignEvaluateFlags } from '../../neutral/subjects/ensign.js';
import { growthbookW2, launchdarklyW2, optimizelyW2 } from '../../neutral/subjects/vendors.js';
import type { Workload } from '../../neutral/op.js';

export const w2: Workload = {
  name: 'W2',
  title: 'all 100 flags for one fresh user per call',
  calls: 1_000,
  // 5 000 calls of warm-up (500 000 evaluations) and 20 000 timed: with 1 000 and 2 000, the timed window (10–20 ms)
  // fell into the JIT's background compilation of the rows with more code to optimize (their CPU time per call
  // 1.5–2× their wall time, and their wall time twice the steady state's), so it measured the warm-up, not a server.
  warmup: 5_000,
  timedCalls: 20_000,
  unit: 'call (100 flags)',
  rows: [
    { name: 'baseline', what: 'the baseline decision for each of the 100 flags, into a reused array', instructions: true, setup: baselineW2 },
    { name: 'ensign-allFlagsState', what: '@ensign/node-sdk client.allFlagsState(context)', instructions: true, setup: ensignAllFlagsState },
    { name: 'ensign-allFlagsState-toJSON', what: 'client.allFlagsState(context).toJSON() (the state is built when first read)', instructions: true, setup: ensignAllFlagsStateJson },
    { name: 'ensign-evaluateFlags', what: '@ensign/evaluator-core evaluateFlags(compiled, context)', instructions: true, setup: ensignEvaluateFlags },
    { name: 'amplitude-core', what: '@amplitude/experiment-core EvaluationEngine.evaluate(context, allFlags)', instructions: true, setup: amplitudeW2 },
    { name: 'growthbook', what: 'GrowthBookClient.evalFeature × 100 with one user context', instructions: false, setup: growthbookW2 },
    { name: 'launchdarkly', what: 'await allFlagsState(context)', instructions: false, setup: launchdarklyW2 },
    { name: 'optimizely', what: 'createUserContext(id, attributes).decideAll()', instructions: false, setup: optimizelyW2 },
  ],
};
