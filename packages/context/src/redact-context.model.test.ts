// redactContext (fast path and general path alike) against a plain, slow model of the documented rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeReferenceComponent, parseAttributeReference } from './attribute-reference.js';
import { copyJson } from './json-copy.js';
import { createContextRedactor } from './redact-context.js';
import type { Context } from './types.js';

const PROTECTED = ['kind', 'key', 'anonymous', '_meta'];
const own = (o: object, name: string) => Object.prototype.hasOwnProperty.call(o, name);
const define = (o: Record<string, unknown>, name: string, value: unknown) =>
  Object.defineProperty(o, name, { value, enumerable: true, writable: true, configurable: true });
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const jsonCopy = (v: unknown) => {
  const c = copyJson(v);
  return c.ok ? c.value : undefined;
};

interface Ref {
  rest: string[];
  name: string;
}

/**
 * Copies `source` along the references' paths: a reference that ends at a name redacts it (the first such reference
 * names it), a reference that goes on copies that object property by property, and anything else is copied whole.
 */
function copyWithout(source: Record<string, unknown>, refs: Ref[], top: boolean, excluded: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(source)) {
    if (top && name === '_meta') continue;
    const below = refs.filter((r) => r.rest[0] === name);
    const ending = below.find((r) => r.rest.length === 1);
    if (ending !== undefined) {
      excluded.push(ending.name);
      continue;
    }
    const value = source[name];
    const copy = below.length > 0 && isRecord(value) ? copyWithout(value, below.map((r) => ({ rest: r.rest.slice(1), name: r.name })), false, excluded) : jsonCopy(value);
    if (copy !== undefined) define(out, name, copy);
  }
  return out;
}

function modelIndividual(individual: Record<string, unknown>, global: string[], everything: boolean): Record<string, unknown> {
  const excluded: string[] = [];
  let out: Record<string, unknown>;
  if (everything) {
    out = {};
    for (const name of Object.keys(individual)) {
      if (name === '_meta') continue;
      if (!PROTECTED.includes(name)) excluded.push(name.startsWith('/') ? `/${escapeReferenceComponent(name)}` : name);
      else if (jsonCopy(individual[name]) !== undefined) define(out, name, jsonCopy(individual[name]));
    }
  } else {
    const meta = individual['_meta'];
    const ownRefs = isRecord(meta) && Array.isArray(meta['privateAttributes']) ? meta['privateAttributes'].filter((r): r is string => typeof r === 'string') : [];
    const refs = [...global, ...ownRefs]
      .map(parseAttributeReference)
      .filter((r) => r.valid && !(r.components.length === 1 && PROTECTED.includes(r.components[0] as string)))
      .map((r) => ({ rest: [...r.components], name: r.redactionName }));
    out = copyWithout(individual, refs, true, excluded);
  }
  const sourceMeta = individual['_meta'];
  const meta: Record<string, unknown> = {};
  if (own(individual, '_meta') && isRecord(sourceMeta)) {
    for (const name of Object.keys(sourceMeta)) if (name !== 'privateAttributes' && jsonCopy(sourceMeta[name]) !== undefined) define(meta, name, jsonCopy(sourceMeta[name]));
  }
  if (excluded.length > 0) meta['redactedAttributes'] = excluded.sort();
  if (Object.keys(meta).length > 0) out['_meta'] = meta;
  return out;
}

function model(context: Context, global: string[], all: boolean, anonymous: boolean): Record<string, unknown> {
  const everything = (i: Record<string, unknown>) => all || (anonymous && i['anonymous'] === true);
  if (context.kind !== 'multi') return modelIndividual(context, global, everything(context));
  const kinds = Object.keys(context).filter((k) => k !== 'kind');
  const out: Record<string, unknown> = { kind: 'multi' };
  for (const kind of kinds) {
    const individual = context[kind];
    if (typeof individual !== 'object' || individual === null) continue;
    const redacted = modelIndividual(individual as Record<string, unknown>, global, everything(individual as Record<string, unknown>));
    if (kinds.length === 1) return { ...redacted, kind };
    define(out, kind, redacted);
  }
  return kinds.length === 1 ? { kind: kinds[0] } : out;
}

/** A comparable form: own keys sorted, and whether each object is a plain one (toStrictEqual would compare own
 * `constructor` properties as if they were classes). */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v !== 'object' || v === null) return v;
  return { plain: Object.getPrototypeOf(v) === Object.prototype, entries: Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]) };
}

const NAMES = ['a', 'b', 'email', 'key', 'kind', 'anonymous', '__proto__', 'constructor', 'a/b', '~x', '/lit'];
const name = fc.constantFrom(...NAMES);
const leaf = fc.oneof(
  { weight: 20, arbitrary: fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.boolean(), fc.constant(null)) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, undefined, () => 1, new Date(0)) },
);
const { value } = fc.letrec<{ value: unknown; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', maxDepth: 3 }, leaf, tie('object'), fc.array(tie('value'), { maxLength: 2 })),
  object: fc.array(fc.tuple(name, tie('value')), { maxLength: 3 }).map((entries) => {
    const o: Record<string, unknown> = {};
    for (const [n, v] of entries) define(o, n, v);
    return o;
  }),
}));
const ref = fc.oneof(
  fc.array(name, { minLength: 1, maxLength: 3 }).map((path) => `/${path.map(escapeReferenceComponent).join('/')}`),
  name,
  fc.constantFrom('', '/', '//', '/a~2', '_meta', '/_meta/x'),
);
const individual = fc
  .record({
    key: fc.constantFrom('k1', 'k2'),
    attributes: fc.array(fc.tuple(name, value), { maxLength: 5 }),
    anonymous: fc.option(fc.boolean(), { nil: undefined }),
    // Mostly without `_meta`, the case of the fast path.
    privateAttributes: fc.oneof(
      { weight: 7, arbitrary: fc.constant(undefined) },
      { weight: 3, arbitrary: fc.array(fc.oneof(ref, fc.constant(7 as unknown as string)), { maxLength: 4 }) },
    ),
    extraMeta: fc.nat(9).map((n) => n === 0),
  })
  .map(({ key, attributes, anonymous, privateAttributes, extraMeta }) => {
    const o: Record<string, unknown> = {};
    for (const [n, v] of attributes) if (n !== 'key' && n !== 'kind' && n !== 'anonymous') define(o, n, v);
    o['key'] = key;
    if (anonymous !== undefined) o['anonymous'] = anonymous;
    if (privateAttributes !== undefined || extraMeta) o['_meta'] = { ...(privateAttributes ? { privateAttributes } : {}), ...(extraMeta ? { note: 1 } : {}) };
    return o;
  });
const context: fc.Arbitrary<Context> = fc.oneof(
  individual.map((i) => ({ ...i, kind: 'user' }) as Context),
  fc
    .uniqueArray(fc.tuple(fc.constantFrom('user', 'org', 'device'), individual), { minLength: 1, maxLength: 3, selector: ([k]) => k })
    .map((parts) => Object.fromEntries([['kind', 'multi'], ...parts]) as Context),
);

describe('redactContext (model)', () => {
  it('gives what a plain model of the rules gives, for any context and options', () => {
    fc.assert(
      fc.property(context, fc.array(ref, { maxLength: 3 }), fc.boolean(), fc.boolean(), (ctx, global, all, anonymous) => {
        const before = JSON.stringify(ctx);
        const out = createContextRedactor({ privateAttributes: global, allAttributesPrivate: all }).redact(ctx, { redactAnonymousAttributes: anonymous });
        expect(canonical(out)).toEqual(canonical(model(ctx, global, all, anonymous)));
        expect(JSON.stringify(ctx)).toBe(before);
      }),
      { numRuns: 200 },
    );
  });
});
