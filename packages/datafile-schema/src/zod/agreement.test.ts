// The hand-written validator of parseDatafile and the published zod schema must agree on shape: both accept the
// generated valid datafiles, and both refuse the same shape mutations (parseDatafile by quarantine or rejection) of them.
import fc from 'fast-check';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { parseDatafile } from '../parse-datafile.js';
import { generateDatafile } from '../testing/generate-datafile.js';
import { datafileSchema } from './datafile.js';

// Users who forbid eval run zod jitless; the schema must work there (this is test-process configuration only).
z.config({ jitless: true });

/** Fields holding free JSON (or maps checked beyond shape): mutations stay out of them. */
const FREE = new Set(['value', 'default', 'payload', 'metadata', 'mongo', 'values', 'savedGroups', '$schema', 'type', 'id', 'name', 'description']);
const ENUMS = new Set(['hash', 'op', 'semantics', 'kind', 'status', 'select']);

interface Slot {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
  value: unknown;
}

function slots(root: unknown): Slot[] {
  const out: Slot[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((value, i) => {
        out.push({ parent: node, key: i, value });
        visit(value);
      });
    } else if (node !== null && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      for (const [key, value] of Object.entries(o)) {
        if (FREE.has(key) || (key === 'variables' && 'value' in o)) continue;
        out.push({ parent: o, key, value });
        visit(value);
      }
    }
  };
  visit(root);
  return out;
}

/** A replacement no field of the format accepts in place of `value`. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string' || typeof value === 'number' || value === null) return true;
  if (typeof value === 'boolean') return 'yes';
  return 'x';
}

type Mutation = (slot: Slot, how: number) => boolean;

const MUTATIONS: Mutation[] = [
  (s) => {
    (s.parent as Record<string | number, unknown>)[s.key] = wrongType(s.value);
    return true;
  },
  (s) => {
    if (!ENUMS.has(String(s.key))) return false;
    (s.parent as Record<string, unknown>)[s.key] = 'bogus';
    return true;
  },
  (s, how) => {
    if (s.key !== 'weight') return false;
    (s.parent as Record<string, unknown>)[s.key] = [-1, Number.NaN, Number.POSITIVE_INFINITY][how % 3];
    return true;
  },
  (s) => {
    const o = s.value as Record<string, unknown>;
    if (o === null || typeof o !== 'object' || Array.isArray(o)) return false;
    const required = ['on', 'serve', 'bucketing', 'hash', 'variations', 'op'].find((k) => k in o && !('flag' in o && k === 'op'));
    if (required === undefined) return false;
    delete o[required];
    return true;
  },
];

describe('the zod schema and parseDatafile', () => {
  it('both accept generated valid datafiles', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 5 }), (seed, flags) => {
        const d = generateDatafile({ flags, seed, variety: true });
        expect(parseDatafile(d).ok).toBe(true);
        const parsed = datafileSchema.safeParse(d);
        expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 2))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('both refuse the same shape mutations (parseDatafile by quarantine or rejection)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 4 }), fc.nat(), fc.nat(), (seed, flags, pick, how) => {
        const d = generateDatafile({ flags, seed, variety: true });
        const all = slots(d);
        const slot = all[pick % all.length] as Slot;
        const mutate = MUTATIONS[how % MUTATIONS.length] as Mutation;
        if (!mutate(slot, how >> 2)) (MUTATIONS[0] as Mutation)(slot, 0);
        const where = `${String(slot.key)} of ${JSON.stringify(slot.parent).slice(0, 160)}`;
        // parseDatafile rejects the document or quarantines the entity the mutation sits in.
        const result = parseDatafile(d);
        expect(!result.ok || result.quarantined.length > 0, `parseDatafile accepted a mutated ${where}`).toBe(true);
        expect(datafileSchema.safeParse(d).success, `zod accepted a mutated ${where}`).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('both reject another schema version', () => {
    const d = { ...generateDatafile({ flags: 1 }), schemaVersion: 2 };
    expect(parseDatafile(d)).toMatchObject({ ok: false, issues: [{ path: 'schemaVersion', message: 'unsupported schema version 2: this parser reads version 1' }] });
    expect(datafileSchema.safeParse(d).success).toBe(false);
  });
});
