// A fourth face, as the README's "Adding a face" shows: one function over the core, merged onto the client.
import type { Context } from '@ensign/context';
import { describe, expect, it } from 'vitest';
import type { ClientCore, DecisionEvent, FaceFactory } from './client.js';
import { createClient, exampleDatafile } from './client.js';

/** A GrowthBook-style face: `isOn(key, attributes)` and `getFeatureValue(key, attributes, fallback)`. */
interface GrowthBookFace {
  isOn(key: string, attributes: { id: string } & Record<string, string>): boolean;
  getFeatureValue<T>(key: string, attributes: { id: string } & Record<string, string>, fallback: T): T;
}

const createGrowthBookFace: FaceFactory<GrowthBookFace> = (core: ClientCore) => {
  const value = (method: string, key: string, attributes: { id: string }, fallback: unknown): unknown => {
    const compiled = core.store.current();
    const { id, ...rest } = attributes;
    const context: Context = { kind: 'user', key: id, ...rest };
    if (!compiled) return core.fail('growthbook', method, key, context, fallback as null, 'CLIENT_NOT_READY', null).value;
    return core.decide('growthbook', method, compiled, key, context, fallback as null).value;
  };
  return {
    isOn: (key, attributes) => value('isOn', key, attributes, false) === true,
    getFeatureValue: <T>(key: string, attributes: { id: string }, fallback: T) => value('getFeatureValue', key, attributes, fallback) as T,
  };
};

describe('a fourth face', () => {
  it('decides through the same path as the built-in faces: same answers, hooks, decision events', () => {
    const decisions: DecisionEvent[] = [];
    const client = createClient({ datafile: exampleDatafile }, { faces: [createGrowthBookFace] });
    const gb = client as unknown as GrowthBookFace;
    client.on('decision', (e) => decisions.push(e));
    expect(gb.isOn('dark-mode', { id: 'user-beta-1' })).toBe(client.boolVariation('dark-mode', { kind: 'user', key: 'user-beta-1' }, false));
    expect(gb.getFeatureValue('no-such-flag', { id: 'u' }, 'fallback')).toBe('fallback');
    expect(decisions.map((d) => `${d.face} ${d.flagKey}`)).toEqual(['growthbook dark-mode', 'launchdarkly dark-mode', 'growthbook no-such-flag']);
    expect(decisions[2]?.result.reason).toEqual({ kind: 'ERROR', errorKind: 'FLAG_NOT_FOUND' });
  });
});
