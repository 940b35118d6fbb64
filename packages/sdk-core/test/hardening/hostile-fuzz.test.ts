// Issue 15, the permanent hostile-input suite: the three faces with hostile contexts, mutated datafiles through
// parseDatafile and a client, and a privacy property over hooks, logs and events. Bounded: a few hundred runs.
import fc from 'fast-check';
import { parseDatafile } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { exampleDatafile } from '../client.js';
import type { EvaluationSeriesContext, Hook } from '../client.js';
import { makeClient } from '../helpers.js';

/** A context-shaped value that fights back: cycles, throwing getters, Proxies, BigInt, huge strings, `__proto__`. */
function hostileValue(kind: number, key: string): unknown {
  switch (kind) {
    case 0: {
      const cyclic: Record<string, unknown> = { kind: 'user', key, country: 'US' };
      cyclic['self'] = cyclic;
      return cyclic;
    }
    case 1:
      return Object.defineProperty({ kind: 'user', key }, 'country', { enumerable: true, get: () => { throw new Error('getter'); } });
    case 2:
      return new Proxy({ kind: 'user', key }, { get: () => { throw new Error('proxy get'); }, ownKeys: () => { throw new Error('proxy keys'); } });
    case 3:
      return { kind: 'user', key, big: 10n ** 30n, country: 'US' };
    case 4:
      return { kind: 'user', key, country: 'U'.repeat(2_000_000) };
    case 5:
      return JSON.parse(`{"kind":"user","key":${JSON.stringify(key)},"__proto__":{"polluted":"yes","country":"US"},"constructor":{"prototype":{"polluted":"yes"}}}`);
    case 6:
      return new Proxy({}, { getPrototypeOf: () => { throw new Error('proto'); }, has: () => { throw new Error('has'); } });
    default:
      return { kind: 'user', key: 10n, plan: Symbol('x') };
  }
}

// Built inside the property: fast-check clones generated values, and a hostile Proxy fights the cloning too.
const hostile = fc.tuple(fc.nat(7), fc.string({ maxLength: 20 }));

function assertNotPolluted(): void {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('country');
}

describe('the three faces under hostile contexts', () => {
  it('never throw, and give the default with an error reason whenever they cannot evaluate', async () => {
    const { client } = makeClient();
    await fc.assert(
      fc.asyncProperty(hostile, fc.constantFrom('dark-mode', 'checkout-redesign', 'nope', '__proto__'), async ([kind, key], flag) => {
        const ctx = hostileValue(kind, key);
        const detail = client.variationDetail(flag, ctx as never, 'fallback');
        if (detail.reason.kind === 'ERROR') expect(detail.value).toBe('fallback');
        const user = client.createUserContext(ctx as never, ctx as never);
        const decision = user.decide(flag);
        if (decision.reasons.length > 0 && decision.variationKey === null) expect(decision.enabled).toBe(false);
        expect(() => user.decideAll()).not.toThrow();
        await expect(user.decideAsync(flag)).resolves.toBeDefined();
        const variants = client.evaluate(ctx as never, [flag]);
        expect(typeof variants).toBe('object');
        expect(() => client.track('purchase', ctx, { nested: ctx } as never, 3)).not.toThrow();
        assertNotPolluted();
      }),
      { numRuns: 120 },
    );
  });

  it('gives the default with an ERROR reason for a context it cannot read at all', () => {
    const { client } = makeClient();
    for (const kind of [2, 6, 7]) {
      const detail = client.variationDetail('dark-mode', hostileValue(kind, 'user-beta-1') as never, false);
      expect(detail.value).toBe(false);
      expect(detail.reason.kind).toBe('ERROR');
    }
  });
});

/** Mutations of the example datafile: a value at a random path replaced by something hostile, or the text cut. */
const datafileText = JSON.stringify(exampleDatafile);
const replacement = fc.oneof(
  fc.constant(null),
  fc.constant('__proto__'),
  fc.constant({ __proto__: { polluted: 'yes' } }),
  fc.constant(-1),
  fc.constant(1e308),
  fc.constant('(a+)+$'),
  fc.string({ maxLength: 10 }),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
);

function mutate(doc: unknown, choices: number[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(doc)) as unknown;
  let node = copy as Record<string, unknown>;
  for (const choice of choices) {
    if (typeof node !== 'object' || node === null) break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[choice % keys.length]!;
    const child = node[key];
    if (typeof child !== 'object' || child === null || choice % 3 === 0) {
      node[key] = value;
      return copy;
    }
    node = child as Record<string, unknown>;
  }
  return copy;
}

describe('mutated datafiles', () => {
  it('parse without throwing, and a client on them never throws and serves defaults with reasons', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(50), { minLength: 1, maxLength: 6 }), replacement, fc.option(fc.nat(datafileText.length)), async (path, value, cut) => {
        const mutated = mutate(exampleDatafile, path, value);
        const input = cut === null ? JSON.stringify(mutated) : datafileText.slice(0, cut);
        const parsed = parseDatafile(input);
        expect(typeof parsed.ok).toBe('boolean');
        const { client } = makeClient({ datafile: input });
        const detail = client.variationDetail('dark-mode', { kind: 'user', key: 'user-beta-1' }, 'fallback');
        if (!parsed.ok) expect(detail).toMatchObject({ value: 'fallback', reason: { kind: 'ERROR' } });
        expect(() => client.createUserContext('u', { country: 'US' }).decideAll()).not.toThrow();
        expect(() => client.evaluate({ user_id: 'u' })).not.toThrow();
        await client.close({ timeoutMs: 0 });
        assertNotPolluted();
      }),
      { numRuns: 150 },
    );
  });
});

describe('privacy: a private attribute value never leaves through hooks, logs or events', () => {
  it('holds for any private name and value, in every face', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('email', 'plan', 'secret_note', 'country', 'device_id'),
        fc.stringMatching(/^[a-z]{6,12}$/),
        fc.boolean(),
        async (name, tail, allPrivate) => {
          const marker = `PRIVATE-${tail}`;
          const seen: EvaluationSeriesContext[] = [];
          const hook: Hook = {
            getMetadata: () => ({ name: 'spy' }),
            beforeEvaluation: (ctx, data) => (seen.push(ctx), data),
            afterEvaluation: (ctx, data) => (seen.push(ctx), data),
          };
          const { client, logger, events } = makeClient({
            hooks: [hook],
            // A plain name is a top-level reference; Amplitude's user properties are named by their path.
            ...(allPrivate ? { allAttributesPrivate: true } : { privateAttributes: [name, `/user_properties/${name}`] }),
            assignmentConfig: { apiKey: 'amp-assign-0001' },
            exposureConfig: { apiKey: 'amp-expose-0001' },
          });
          const attributes = { [name]: marker, plan: name === 'plan' ? marker : 'pro' };
          client.variationDetail('dark-mode', { kind: 'user', key: 'user-1', ...attributes }, false);
          client.variationDetail('no-such-flag', { kind: 'user', key: 'user-1', ...attributes }, 'x');
          client.boolVariation('dark-mode', { kind: 'user', key: 'user-1', ...attributes }, 'not a bool' as never);
          client.track('purchase', { kind: 'user', key: 'user-1', ...attributes }, { note: 'ok' }, 3);
          const user = client.createUserContext('user-1', attributes);
          user.decideAll();
          user.decide('no-such-flag');
          user.trackEvent('purchase');
          client.evaluate({ user_id: 'user-1', ...(name === 'device_id' ? { device_id: marker } : {}), user_properties: attributes } as never, undefined, { tracksExposure: true });
          const delivered = await events();
          for (const s of seen) expect(`${s.face}/${s.method}: ${JSON.stringify(s.context)}`).not.toContain(marker);
          expect(logger.text()).not.toContain(marker);
          expect(JSON.stringify(delivered)).not.toContain(marker);
          await client.close({ timeoutMs: 0 });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('sees the value when nothing is private (the property can fail)', async () => {
    const seen: EvaluationSeriesContext[] = [];
    const { client } = makeClient({ hooks: [{ getMetadata: () => ({ name: 'spy' }), beforeEvaluation: (ctx, data) => (seen.push(ctx), data) }] });
    client.variationDetail('dark-mode', { kind: 'user', key: 'user-1', email: 'PRIVATE-visible' }, false);
    expect(JSON.stringify(seen)).toContain('PRIVATE-visible');
  });
});
