// Users whose attributes hold values that are not JSON (a `Date`, `NaN`, ±Infinity, a function, a BigInt, a symbol,
// a class instance, an object, an array), as request handlers pass them: Optimizely's SDK keeps such attributes, and
// its conditions answer for them (an `exists` matches; a typed match finds an unexpected type, which is unknown in
// the audience logic). Ensign's Optimizely face must decide as it does, on every audience probe. (An attribute
// holding `undefined` makes Optimizely's `createUserContext` throw: not compared.)
import { createInstance, createStaticProjectConfigManager, OptimizelyDecideOption } from '@optimizely/optimizely-sdk';
import { createClient } from '@ensign/node-sdk';
import { describe, expect, it } from 'vitest';
import { importOptimizelyDatafile } from '../../src/optimizely/index.js';
import { AUDIENCE_PARTS, audiencesConfig } from './config-audiences.js';
import { generateUsers } from './users.js';
import { nonJsonValues } from '../non-json.js';

// `undefined` makes Optimizely's createUserContext throw: left out.
const nonJson = nonJsonValues(['date', 'nan', 'infinity', 'negativeInfinity', 'function', 'bigint', 'symbol', 'instance', 'plainObject', 'list']);

const answer = (d: { variationKey: string | null; enabled: boolean; ruleKey: string | null; variables: unknown }) =>
  JSON.stringify({ variationKey: d.variationKey, enabled: d.enabled, ruleKey: d.ruleKey, variables: d.variables });

describe('users holding values that are not JSON, against the Optimizely JavaScript SDK', () => {
  for (let part = 0; part < AUDIENCE_PARTS; part++) {
    it(`decides 1 000 such users as Optimizely does on the audience probes, part ${part + 1}`, async () => {
      const config = audiencesConfig(part);
      const imported = importOptimizelyDatafile(JSON.stringify(config.datafile));
      if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
      const vendor = createInstance({ projectConfigManager: createStaticProjectConfigManager({ datafile: JSON.stringify(config.datafile) }) });
      const ensign = createClient({ datafile: imported.datafile, logger: { debug() {}, info() {}, warn() {}, error: console.error } });
      try {
        const [, ready] = await Promise.all([vendor.onReady({ timeout: 5_000 }), ensign.onReady({ timeout: 5_000 })]);
        expect(ready.success).toBe(true);
        const mismatches: string[] = [];
        let enabled = 0;
        generateUsers(1_000, 60 + part).forEach((user, n) => {
          const names = Object.keys(user.attributes).filter((k) => k !== '$opt_bucketing_id');
          const attributes = { ...user.attributes, [names[n % Math.max(1, names.length)] ?? 'country']: nonJson(n), extra: nonJson(n + 3) };
          const theirs = vendor.createUserContext(user.id, attributes as never);
          if (theirs === null) throw new Error(`Optimizely refused user ${user.id}`);
          const ours = ensign.createUserContext(user.id, attributes);
          for (const flagKey of config.flagKeys) {
            const expected = answer(theirs.decide(flagKey, [OptimizelyDecideOption.DISABLE_DECISION_EVENT]));
            const actual = answer(ours.decide(flagKey));
            if (expected.includes('"enabled":true')) enabled++;
            if (expected !== actual && mismatches.length < 5) mismatches.push(`flag ${flagKey}, user ${user.id} ${String(Object.entries(attributes).map(([k, v]) => `${k}=${String(v)}`))}:\n  optimizely ${expected}\n  ensign     ${actual}`);
          }
        });
        expect(mismatches.join('\n')).toBe('');
        expect(enabled).toBeGreaterThan(0);
      } finally {
        await Promise.race([Promise.all([vendor.close(), ensign.close()]), new Promise((resolve) => setTimeout(resolve, 2_000))]);
      }
    }, 60_000);
  }
});
