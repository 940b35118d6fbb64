// W4: W1 with events on at each client's default settings, delivered to a discarding dispatcher, yielding to the
// event loop every 1 000 calls (a server between requests). Each row with events is paired with the same client
// without events, run through the same loop, for the overhead; `close()` time and drops come from the row's finish.
import type { RowFigures, Workload } from '../../neutral/op.js';
import { ensignVariation, ensignVariationEvents, ensignVariationLeastEvents } from '../../neutral/subjects/ensign.js';
import { growthbookW1, growthbookW4, optimizelyW1, optimizelyW4 } from '../../neutral/subjects/vendors.js';

/** `X-events` beside `X`: the cost events add per call (`least-events`, the floor, beside `ensign-variation`). */
function overheads(figures: readonly RowFigures[]): string[] {
  const lines: string[] = [];
  for (const on of figures) {
    if (!on.row.endsWith('-events')) continue;
    const offRow = on.row === 'least-events' ? 'ensign-variation' : on.row.slice(0, -'-events'.length);
    const off = figures.find((f) => f.row === offRow);
    if (off === undefined || off.value <= 0) continue;
    const facts = Object.entries(on.facts).map(([k, v]) => `${k} ${v}`).join(', ');
    lines.push(`${on.row}: ${((on.value / off.value - 1) * 100).toFixed(0)} % over ${off.row}${facts === '' ? '' : ` (${facts})`}`);
  }
  return lines;
}

export const w4: Workload = {
  name: 'W4',
  title: 'W1 with events on at the client defaults, to a discarding dispatcher',
  calls: 40_000,
  warmup: 20_000,
  timedWarmup: 200_000,
  timedCalls: 300_000,
  yieldEvery: 1_000,
  unit: 'evaluation',
  rows: [
    { name: 'ensign-variation', what: 'client.variation, events off (same loop)', instructions: true, setup: ensignVariation },
    { name: 'ensign-variation-events', what: 'client.variation with eventDispatcher (defaults: batch 1 000, queue 100 000)', instructions: true, setup: ensignVariationEvents },
    { name: 'least-events', what: 'client.variation, events off, and the least LaunchDarkly-shaped recorder (hand-written: clock, summary counter, key set, context copy)', instructions: true, setup: ensignVariationLeastEvents },
    { name: 'growthbook', what: 'evalFeature, no trackingCallback (same loop)', instructions: false, setup: growthbookW1 },
    { name: 'growthbook-events', what: 'evalFeature with a counting trackingCallback', instructions: false, setup: growthbookW4 },
    { name: 'optimizely', what: 'decide, no event processor (same loop)', instructions: false, setup: optimizelyW1 },
    { name: 'optimizely-events', what: 'decide with the batch event processor (defaults) and sendFlagDecisions', instructions: false, setup: optimizelyW4 },
  ],
  summarize: overheads,
};
