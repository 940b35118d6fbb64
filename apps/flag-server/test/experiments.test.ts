import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleDatafile } from '@ensign/node-sdk/examples';
import type { ExperimentResults } from '../src/index.js';
import { batch, conversionEvent, decisionEvent, exposureEvent, postBatch } from './event-fixtures.js';
import { PROD_KEY, makeDataDir, removeDir, startTestServer } from './helpers.js';

/** The Wilson interval written as (x + z²/2 ± z·sqrt(x(n−x)/n + z²/4)) / (n + z²): independent of the server's form. */
function wilson(x: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const root = z * Math.sqrt((x * (n - x)) / n + (z * z) / 4);
  return [(x + (z * z) / 2 - root) / (n + z * z), (x + (z * z) / 2 + root) / (n + z * z)];
}

const FLAG = 'checkout-redesign';
const T = 1_800_000_000_000;

describe('GET /v1/experiments/{flagKey}/results', () => {
  let dir: string;
  let url: string;
  let close: () => Promise<void>;
  // The scenario, and what it should give, computed by hand-written rules below.
  const exposures = new Map<string, { variation: string; at: number }>();
  const conversions: { user: string; eventKey: string; at: number }[] = [];

  beforeAll(async () => {
    dir = await makeDataDir({ 'production.json': JSON.stringify(exampleDatafile) });
    const server = await startTestServer(dir);
    url = server.url;
    close = () => server.close();
    const events: unknown[] = [];
    for (let i = 0; i < 60; i++) {
      const user = `u${i}`;
      const variation = i % 3 === 0 ? 'control' : 'treatment';
      exposures.set(`user:${user}`, { variation, at: T + i * 1_000 });
      events.push(decisionEvent(user, FLAG, variation, T + i * 1_000));
      // A second, later exposure to the other variation does not move the user.
      if (i % 10 === 0) events.push(decisionEvent(user, FLAG, variation === 'control' ? 'treatment' : 'control', T + i * 1_000 + 500));
      // Purchases: every 4th user after exposure (twice for some: one user counts once); every 7th before exposure only.
      if (i % 4 === 0) {
        events.push(conversionEvent(user, 'purchase', T + i * 1_000 + 10));
        conversions.push({ user, eventKey: 'purchase', at: T + i * 1_000 + 10 });
        if (i % 8 === 0) events.push(conversionEvent(user, 'purchase', T + i * 1_000 + 20));
      } else if (i % 7 === 0) events.push(conversionEvent(user, 'purchase', T + i * 1_000 - 10));
      if (i % 5 === 0) {
        events.push(conversionEvent(user, 'add_to_cart', T + i * 1_000 + 1));
        conversions.push({ user, eventKey: 'add_to_cart', at: T + i * 1_000 + 1 });
      }
    }
    // Amplitude exposures count too.
    for (let i = 0; i < 6; i++) {
      events.push(exposureEvent(`amp${i}`, FLAG, 'control', T));
      exposures.set(`user:amp${i}`, { variation: 'control', at: T });
    }
    events.push(conversionEvent('amp0', 'purchase', T + 5));
    conversions.push({ user: 'amp0', eventKey: 'purchase', at: T + 5 });
    // Not exposures: a prerequisite evaluation, an error, no variation served, another flag.
    events.push(decisionEvent('x1', FLAG, 'control', T, { prereqOf: 'other-flag' }));
    events.push(decisionEvent('x2', FLAG, 'control', T, { reason: { kind: 'ERROR', errorKind: 'EXCEPTION' } }));
    events.push(decisionEvent('x3', FLAG, null, T));
    events.push(decisionEvent('x4', 'dark-mode', 'true', T));
    events.push(conversionEvent('x4', 'purchase', T + 1));
    // Sent in several batches, one of them twice.
    for (let i = 0; i < events.length; i += 25) {
      const b = batch(events.slice(i, i + 25));
      expect((await postBatch(url, PROD_KEY, b)).status).toBe(202);
      if (i === 25) await postBatch(url, PROD_KEY, b);
    }
  });
  afterAll(async () => {
    await close();
    await removeDir(dir);
  });

  it('counts distinct exposed users per variation and converted users per event key, with 95 % Wilson intervals', async () => {
    const res = await fetch(`${url}/v1/experiments/${FLAG}/results`, { headers: { authorization: PROD_KEY } });
    expect(res.status).toBe(200);
    const results = (await res.json()) as ExperimentResults;
    expect(results.flagKey).toBe(FLAG);
    expect(results.environment).toBe('production');
    expect(results.variations.map((v) => v.variationKey)).toEqual(['off', 'control', 'treatment']);

    for (const row of results.variations) {
      const exposed = [...exposures.entries()].filter(([, e]) => e.variation === row.variationKey);
      expect(row.exposures).toBe(exposed.length);
      for (const eventKey of ['add_to_cart', 'purchase']) {
        const users = new Set(
          conversions.filter((c) => c.eventKey === eventKey && exposed.some(([who, e]) => who === `user:${c.user}` && c.at >= e.at)).map((c) => c.user),
        ).size;
        const got = row.conversions[eventKey];
        expect(got?.users).toBe(users);
        if (row.exposures === 0) {
          expect(got?.rate).toBe(0);
          expect(got?.interval).toEqual([0, 1]);
          continue;
        }
        expect(got?.rate).toBeCloseTo(users / row.exposures, 12);
        const [low, high] = wilson(users, row.exposures);
        expect(got?.interval[0]).toBeCloseTo(Math.max(0, low), 12);
        expect(got?.interval[1]).toBeCloseTo(Math.min(1, high), 12);
      }
    }
    // The scenario's numbers, spelled out: 20 + 6 control and 40 treatment users.
    expect(results.variations[1]?.exposures).toBe(26);
    expect(results.variations[2]?.exposures).toBe(40);
  });

  it('accepts Api-Key auth, and answers 404 for a flag with neither a datafile entry nor exposures', async () => {
    expect((await fetch(`${url}/v1/experiments/${FLAG}/results`, { headers: { authorization: `Api-Key ${PROD_KEY}` } })).status).toBe(200);
    const missing = await fetch(`${url}/v1/experiments/no-such-flag/results`, { headers: { authorization: PROD_KEY } });
    expect(missing.status).toBe(404);
    expect((await fetch(`${url}/v1/experiments/${FLAG}/results`)).status).toBe(401);
  });
});
