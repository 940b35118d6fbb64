// getOptimizelyConfig() against Optimizely's: the revision, environment, attributes, events, and per flag its
// variables, experiment rules and delivery rules with their variations and variable values, keys and ids.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanDatafile, openPair, type Pair } from './optimizely-pair.js';

interface Experiment {
  id: string;
  key: string;
  audiences: string;
  variationsMap: Record<string, unknown>;
}

const rules = (list: readonly (Experiment | undefined)[]) => list.map((e) => (e === undefined ? null : { id: e.id, key: e.key, audiences: e.audiences, variationsMap: e.variationsMap }));

/** The parts of an OptimizelyConfig that Ensign's datafile keeps (README, "Coming from Optimizely"). */
function comparable(config: ReturnType<Pair['vendor']['getOptimizelyConfig']>): unknown {
  if (config === null) return null;
  const features: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(config.featuresMap)) {
    features[key] = {
      id: f.id,
      key: f.key,
      variablesMap: f.variablesMap,
      experimentRules: rules(f.experimentRules as Experiment[]),
      deliveryRules: rules(f.deliveryRules as Experiment[]),
      experimentKeys: Object.keys(f.experimentsMap).sort(),
    };
  }
  return {
    revision: config.revision,
    environmentKey: config.environmentKey,
    attributes: config.attributes.map((a) => ({ id: a.id, key: a.key })),
    events: config.events.map((e) => ({ id: e.id, key: e.key, experimentIds: e.experimentIds })),
    audiences: config.audiences.map((a) => ({ id: a.id, name: a.name })),
    features,
  };
}

describe('getOptimizelyConfig', () => {
  let pair: Pair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('gives Optimizely\'s keys, ids, audiences, variations and variable values', async () => {
    pair = await openPair(cleanDatafile());
    const expected = comparable(pair.vendor.getOptimizelyConfig());
    expect(comparable(pair.ensign.getOptimizelyConfig() as never)).toEqual(expected);
    expect(Object.keys((expected as { features: object }).features)).toEqual(['checkout', 'search']);
  });

  it('gives the experiments map of every experiment rule, and the datafile text', async () => {
    pair = await openPair(cleanDatafile());
    const theirs = pair.vendor.getOptimizelyConfig();
    const ours = pair.ensign.getOptimizelyConfig();
    expect(Object.keys(ours?.experimentsMap ?? {}).sort()).toEqual(Object.keys(theirs?.experimentsMap ?? {}).sort());
    expect(JSON.parse(ours?.getDatafile() ?? 'null')).toMatchObject({ revision: theirs?.revision });
  });
});
