// The rows of W3, text → ready: one init per call, from the configuration text to the first evaluation (every
// flag usable, a bad flag quarantined before it is served). Ensign from the plain datafile and from its compact
// encoding (`compactDatafile`: flag templates), GrowthBook from its payload; the same 10 000 flags.
import { GrowthBookClient, type FeatureApiResponse } from '@growthbook/growthbook';
import { compactDatafile, parseDatafile } from '@ensign/datafile-schema';
import { generateDatafile } from '@ensign/datafile-schema/testing';
import { compileDatafile, evaluateFlag } from '@ensign/evaluator-core';
import { growthbookPayload } from '../../peers/growthbook.js';
import { flagKey } from '../../workload/spec.js';
import type { NeutralOp } from '../op.js';
import type { NeutralPool } from '../users.js';
import { ensignContextOf } from './ensign.js';

/** Flags of every W3 row. */
export const W3_FLAGS = 10_000;

const size = (text: string) => `${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB`;

/** Ensign: `parseDatafile(text)` → `compileDatafile` → the first `evaluateFlag` (compilation is lazy). */
function ensignInit(pool: NeutralPool, text: string): NeutralOp {
  const contextOf = ensignContextOf(pool);
  const key = flagKey(0);
  const options = { defaultValue: false };
  return {
    evaluations: 1,
    run: (i) => {
      const parsed = parseDatafile(text);
      if (!parsed.ok) throw new Error(`parseDatafile rejected the benchmark datafile: ${parsed.issues[0]?.message ?? ''}`);
      return evaluateFlag(compileDatafile(parsed.datafile), contextOf(i) as never, key, options);
    },
    finish: async () => ({ text: size(text) }),
  };
}

/** W3 from the plain datafile (`JSON.stringify(generateDatafile({ flags: 10 000 }))`). */
export async function ensignW3(pool: NeutralPool): Promise<NeutralOp> {
  return ensignInit(pool, JSON.stringify(generateDatafile({ flags: W3_FLAGS })));
}

/** W3 from the same flags in the compact encoding (`compactDatafile`). */
export async function ensignW3Compact(pool: NeutralPool): Promise<NeutralOp> {
  return ensignInit(pool, JSON.stringify(compactDatafile(generateDatafile({ flags: W3_FLAGS }))));
}

/** GrowthBook: `JSON.parse` → `new GrowthBookClient().initSync({ payload })` → the first `evalFeature`. */
export async function growthbookW3(pool: NeutralPool): Promise<NeutralOp> {
  const text = JSON.stringify(growthbookPayload(W3_FLAGS));
  const { ids, countries, plans, emails, versions, ages, betas } = pool;
  const key = flagKey(0);
  let gb: GrowthBookClient | undefined;
  return {
    evaluations: 1,
    run: (i) => {
      gb?.destroy();
      gb = new GrowthBookClient();
      gb.initSync({ payload: JSON.parse(text) as FeatureApiResponse });
      const attributes = { id: ids[i], country: countries[i], plan: plans[i], email: emails[i], appVersion: versions[i], age: ages[i], beta: betas[i] };
      return gb.evalFeature(key, { attributes });
    },
    finish: async () => (gb?.destroy(), { text: size(text) }),
  };
}
