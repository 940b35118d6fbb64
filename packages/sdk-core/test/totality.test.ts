import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeClient } from './helpers.js';

const anything = fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true });
const hostile = {
  get key(): string {
    throw new Error('getter');
  },
  kind: 'user',
};

describe('after construction nothing throws', () => {
  it('answers any argument to any call without throwing', async () => {
    const { client } = makeClient();
    const user = client.createUserContext('user-1', { country: 'US' });
    const calls: Array<(a: unknown, b: unknown, c: unknown) => unknown> = [
      (a, b, c) => client.variation(a as string, b, c as never),
      (a, b, c) => client.variationDetail(a as string, b, c as never),
      (a, b, c) => client.boolVariation(a as string, b, c as boolean),
      (a, b, c) => client.numberVariationDetail(a as string, b, c as number),
      (a, b) => client.allFlagsState(a, b as never),
      (a, b, c) => client.track(a as string, b, c as never, 3),
      (a) => client.identify(a),
      (a, b, c) => client.evaluate(a as never, b as never, c as never),
      (a, b) => client.createUserContext(a as string, b as never).decide('dark-mode'),
      (a, b) => user.decide(a as string, b as never),
      (a, b) => user.decideForKeys(a as never, b as never),
      (a) => user.decideAll(a as never),
      (a, b) => user.trackEvent(a as string, b as never),
      (a, b) => user.setForcedDecision(a as never, b as never),
      (a) => user.getForcedDecision(a as never),
      (a) => user.removeForcedDecision(a as never),
      (a) => user.setQualifiedSegments(a as never),
      (a) => user.isQualifiedFor(a as string),
      (a, b) => user.setAttribute(a as string, b),
      (a) => client.on(a as 'update', () => {}),
      (a) => client.onReady(a as never),
    ];
    fc.assert(
      fc.property(fc.nat(calls.length - 1), anything, anything, anything, (i, a, b, c) => {
        expect(() => calls[i]!(a, b, c)).not.toThrow();
      }),
      { numRuns: 200 },
    );
    for (const call of calls) expect(() => call(hostile, hostile, hostile)).not.toThrow();
    await expect(user.decideAsync(hostile as never)).resolves.toBeDefined();
  });
});
