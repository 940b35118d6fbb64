import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeReferenceFromComponents } from './attribute-reference.js';
import { redactContext } from './redact-context.js';
import type { Context } from './types.js';
import { validateContext } from './validate-context.js';

// A generated attribute tree; leaves get unique sentinel strings once generated, so a leaked value is findable.
type Tree = { t: 'leaf' } | { t: 'object'; entries: [string, Tree][] } | { t: 'array'; items: Tree[] };

const nestedName = fc.constantFrom('a', 'b', 'key', 'kind', '_meta', '/x', '~y', 'a/b', '__proto__', 'constructor', 'prototype');
const topName = fc.constantFrom('a', 'b', 'email', '/x', '~y', 'a/b', '__proto__', 'constructor', 'prototype');

const { tree } = fc.letrec<{ tree: Tree; leaf: Tree; object: Tree; array: Tree }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', maxDepth: 4 }, tie('leaf'), tie('object'), tie('array')),
  leaf: fc.constant({ t: 'leaf' }),
  object: fc.array(fc.tuple(nestedName, tie('tree')), { maxLength: 4 }).map((entries) => ({ t: 'object', entries })),
  array: fc.array(tie('tree'), { maxLength: 3 }).map((items) => ({ t: 'array', items })),
}));

interface Built {
  value: unknown;
  /** Object paths (through objects only) with the sentinels below each. */
  paths: { path: string[]; sentinels: string[] }[];
  sentinels: string[];
}

function build(node: Tree, path: string[], counter: { n: number }, paths: Built['paths']): { value: unknown; sentinels: string[] } {
  if (node.t === 'leaf') {
    counter.n += 1;
    const sentinel = `<v${counter.n}>`;
    return { value: sentinel, sentinels: [sentinel] };
  }
  if (node.t === 'array') {
    const items = node.items.map((item) => build(item, [], counter, []));
    return { value: items.map((i) => i.value), sentinels: items.flatMap((i) => i.sentinels) };
  }
  const object: Record<string, unknown> = {};
  const sentinels: string[] = [];
  for (const [name, child] of node.entries) {
    if (Object.prototype.hasOwnProperty.call(object, name)) continue;
    const built = build(child, [...path, name], counter, paths);
    Object.defineProperty(object, name, { value: built.value, enumerable: true, writable: true, configurable: true });
    paths.push({ path: [...path, name], sentinels: built.sentinels });
    sentinels.push(...built.sentinels);
  }
  return { value: object, sentinels };
}

function individual(entries: [string, Tree][], key: string, counter: { n: number }): Built {
  const paths: Built['paths'] = [];
  const built = build({ t: 'object', entries }, [], counter, paths);
  const value = { key, ...(built.value as object) };
  return { value, paths, sentinels: built.sentinels };
}

const scenario = fc
  .record({
    user: fc.array(fc.tuple(topName, tree), { maxLength: 5 }),
    org: fc.option(fc.array(fc.tuple(topName, tree), { maxLength: 5 }), { nil: undefined }),
  })
  .chain(({ user, org }) => {
    const counter = { n: 0 };
    const parts: [string, Built][] = [['user', individual(user, 'user-key', counter)]];
    if (org !== undefined) parts.push(['org', individual(org, 'org-key', counter)]);
    const choices = parts.flatMap(([kind, part]) => part.paths.map((p) => ({ kind, ...p })));
    return fc.record({
      parts: fc.constant(parts),
      chosen: fc.subarray(choices),
      asGlobal: fc.array(fc.boolean(), { minLength: choices.length, maxLength: choices.length }),
    });
  });

describe('redactContext (property)', () => {
  it('never leaks a private value, never over-redacts, and keeps kind and key', () => {
    fc.assert(
      fc.property(scenario, ({ parts, chosen, asGlobal }) => {
        const global: string[] = [];
        const own = new Map<string, string[]>();
        chosen.forEach((choice, i) => {
          const ref = attributeReferenceFromComponents(choice.path).raw;
          // A global reference applies to every kind; only route it there when this kind is alone.
          if (asGlobal[i] === true && parts.length === 1) global.push(ref);
          else own.set(choice.kind, [...(own.get(choice.kind) ?? []), ref]);
        });
        const objects = parts.map(([kind, part]) => {
          const refs = own.get(kind);
          return [kind, refs ? { ...(part.value as object), _meta: { privateAttributes: refs } } : part.value] as const;
        });
        const input =
          objects.length === 1
            ? { kind: 'user', ...(objects[0]?.[1] as object) }
            : { kind: 'multi', ...Object.fromEntries(objects) };
        const validated = validateContext(input);
        if (!validated.ok) throw new Error(validated.error);

        const output = redactContext(validated.context as Context, { privateAttributes: global });
        const json = JSON.stringify(output);

        const hidden = new Set(chosen.flatMap((c) => c.sentinels));
        for (const sentinel of hidden) expect(json).not.toContain(sentinel);
        for (const [, part] of parts) {
          for (const sentinel of part.sentinels) if (!hidden.has(sentinel)) expect(json).toContain(sentinel);
        }
        for (const choice of chosen) {
          const covered = chosen.some(
            (other) => other.kind === choice.kind && other.path.length < choice.path.length && other.path.every((c, i) => c === choice.path[i]),
          );
          if (covered) continue;
          const redacted = parts.length === 1 ? output : (output[choice.kind] as Record<string, unknown>);
          const names = (redacted['_meta'] as { redactedAttributes?: string[] } | undefined)?.redactedAttributes ?? [];
          expect(names).toContain(attributeReferenceFromComponents(choice.path).raw);
          expect([...names].sort()).toEqual(names);
        }
        if (parts.length === 1) {
          expect(output['kind']).toBe('user');
          expect(output['key']).toBe('user-key');
        } else {
          expect(output['kind']).toBe('multi');
          expect((output['user'] as Record<string, unknown>)['key']).toBe('user-key');
          expect((output['org'] as Record<string, unknown>)['key']).toBe('org-key');
        }
      }),
      { numRuns: 200 },
    );
  });
});
