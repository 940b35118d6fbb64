import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventSizer } from './event-size.js';
import type { EnsignEvent } from './events.js';
import { copyJson, estimateJsonBytes, NotJsonError, numberLength } from './json-size.js';

const LIMIT = 64 * 1024 * 1024;
// JSON whose strings need no escaping: the estimate should be close to the real length.
const plain = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v).replace(/\\[^"]|[^\x20-\x7e]/g, '')) as unknown);

const decision = (context: unknown, value: unknown): EnsignEvent =>
  ({
    kind: 'decision', id: '1f2e3d4c-5b6a-4798-8a6b-000000000001', timestamp: 1_767_225_600_000, context, flagKey: 'checkout-redesign',
    flagVersion: 4, variationKey: 'treatment', variationIndex: 1, variationId: '33333', value, defaultValue: false, ruleKey: 'checkout-ab',
    ruleId: 'rule-1', ruleType: 'experiment', experimentKey: 'checkout-ab', experimentId: '22222', enabled: true, revision: '118',
    reason: { kind: 'RULE_MATCH', ruleIndex: 0, inExperiment: true }, prereqOf: null,
  }) as unknown as EnsignEvent;

describe('event sizes', () => {
  it('estimates plain JSON within a few percent of its serialized length', () => {
    fc.assert(
      fc.property(plain, (value) => {
        const actual = JSON.stringify(value).length;
        const estimate = estimateJsonBytes(value, LIMIT);
        expect(estimate).toBeGreaterThanOrEqual(actual * 0.9 - 2);
        expect(estimate).toBeLessThanOrEqual(actual * 1.5 + 30);
      }),
    );
  });

  it('estimates index and decision events close to their serialized length', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), plain, { maxKeys: 6 }), plain, (attributes, value) => {
        const context = { kind: 'user', key: 'user-42', ...attributes };
        const sizeOf = createEventSizer(LIMIT);
        for (const event of [{ kind: 'index', id: '1f2e3d4c-5b6a-4798-8a6b-000000000000', timestamp: 1_767_225_600_000, context } as EnsignEvent, decision(context, value)]) {
          const actual = JSON.stringify(event).length;
          const estimate = sizeOf(event);
          expect(estimate).toBeGreaterThanOrEqual(actual * 0.9);
          expect(estimate).toBeLessThanOrEqual(actual * 1.5 + 100);
        }
      }),
    );
  });

  it('says -1 for what JSON cannot carry, and stops early past the limit', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    const throwing = Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('no'); } });
    for (const bad of [10n, cycle, throwing, { nested: [1n] }]) expect(estimateJsonBytes(bad, LIMIT)).toBe(-1);
    expect(createEventSizer(LIMIT)(decision({ kind: 'user', key: 'k' }, { big: 1n }))).toBe(-1);
    expect(estimateJsonBytes(['x'.repeat(1_000), 'y'.repeat(1_000)], 100)).toBeGreaterThan(100);
  });
});

describe('copyJson', () => {
  it('copies plain JSON to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(copyJson(value)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('keeps a __proto__ name as plain data and pollutes nothing', () => {
    const copy = copyJson(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.keys(copy)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('throws NotJsonError for a BigInt, a cycle, a throwing getter or Proxy, and endless depth', () => {
    const cycle: unknown[] = [];
    cycle.push(cycle);
    const proxy = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    const bottomless: object = new Proxy({}, { get: () => bottomless, ownKeys: () => ['x'], getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true }) });
    for (const bad of [1n, cycle, proxy, bottomless, { a: Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('no'); } }) }]) {
      expect(() => copyJson(bad)).toThrow(NotJsonError);
    }
  });
});

describe('numberLength', () => {
  it('never under-estimates a number by more than the property above allows', () => {
    // 1000000.0000000001 (18 characters) was estimated at 13: found by the property test above.
    for (const n of [1000000.0000000001, -1000000.0000000001, 1234567.891234567, 999999999999.9999, 12345678901234.567, 1.2345678901234567e-7, 0.0000012345678901234567, 1e21 + 1e6, 5, 1e12]) {
      expect(numberLength(n), String(n)).toBeGreaterThanOrEqual(JSON.stringify(n).length * 0.9 - 2);
    }
    for (const n of [1000000.0000000001, 1234567.891234567, 999999999999.9999]) expect(numberLength(n), String(n)).toBeGreaterThanOrEqual(JSON.stringify(n).length);
  });

  it('over-estimates integers by at most the width of their range', () => {
    expect(numberLength(1_767_225_600_000)).toBe(13);
    expect(numberLength(42)).toBe(3);
    expect(numberLength(-7)).toBe(2);
  });
});
