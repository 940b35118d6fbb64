// W3: start-up, from configuration text to ready (every flag usable, a bad flag quarantined before it is served),
// 10 000 flags. One call is one init, run cold: no warm-up, one call per process (a process starts once), so the
// lazy compilation of the code that init runs is counted, as it is paid at start-up.
import type { Workload } from '../../neutral/op.js';
import { ensignW3, ensignW3Compact, growthbookW3 } from '../../neutral/subjects/w3.js';

export const w3: Workload = {
  name: 'W3',
  title: 'text → ready, 10 000 flags, one cold init per process',
  calls: 1,
  warmup: 0,
  timedCalls: 1,
  unit: 'init (10 000 flags)',
  flags: 10_000,
  reference: 'growthbook',
  rows: [
    { name: 'ensign', what: 'parseDatafile(plain text) → compileDatafile → first evaluateFlag', instructions: true, setup: ensignW3 },
    { name: 'ensign-compact', what: 'parseDatafile(compactDatafile text) → compileDatafile → first evaluateFlag', instructions: true, setup: ensignW3Compact },
    { name: 'growthbook', what: 'JSON.parse → new GrowthBookClient().initSync({ payload }) → first evalFeature', instructions: true, setup: growthbookW3 },
  ],
};
