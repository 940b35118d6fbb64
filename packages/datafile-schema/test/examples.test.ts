// The example datafiles are valid, and the full one uses every construct of the format.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDatafile } from '../src/parse-datafile.js';
import { HASH_MODES, OPERATORS, SEMANTICS } from '../src/types.js';
import { datafileSchema } from '../src/zod/datafile.js';
import { datafileJsonSchema } from '../src/zod/json-schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const read = (name: string): string => readFileSync(resolve(root, 'examples', name), 'utf8');

/** Every property name declared anywhere in a JSON Schema. */
function propertyNames(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) propertyNames(s, out);
  else if (schema !== null && typeof schema === 'object') {
    const o = schema as Record<string, unknown>;
    if (o.properties !== null && typeof o.properties === 'object') for (const k of Object.keys(o.properties)) out.add(k);
    for (const v of Object.values(o)) propertyNames(v, out);
  }
  return out;
}

/** Every key and every string value used in a JSON document. */
function usage(value: unknown, keys = new Set<string>(), strings = new Set<string>()): { keys: Set<string>; strings: Set<string> } {
  if (typeof value === 'string') strings.add(value);
  else if (Array.isArray(value)) for (const v of value) usage(v, keys, strings);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      keys.add(k);
      usage(v, keys, strings);
    }
  }
  return { keys, strings };
}

describe.each(['small.json', 'full.json'])('examples/%s', (name) => {
  it('is valid, without warnings, for parseDatafile and the zod schema', () => {
    const text = read(name);
    expect(parseDatafile(text)).toMatchObject({ ok: true, warnings: [] });
    expect(datafileSchema.safeParse(JSON.parse(text)).success).toBe(true);
  });

  it('points editors at the JSON Schema', () => {
    expect((JSON.parse(read(name)) as { $schema: string }).$schema).toBe('../schema/datafile.v1.json');
  });
});

describe('examples/full.json', () => {
  const { keys, strings } = usage(JSON.parse(read('full.json')));

  it('uses every field the JSON Schema declares', () => {
    expect([...propertyNames(datafileJsonSchema())].filter((k) => !keys.has(k))).toEqual([]);
  });

  it('uses every operator, hash mode and semantics', () => {
    expect([...OPERATORS, ...HASH_MODES, ...SEMANTICS].filter((v) => !strings.has(v))).toEqual([]);
  });
});
