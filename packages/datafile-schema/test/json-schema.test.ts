// schema/datafile.v1.json is generated from the zod schema; this fails when it is out of date.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { datafileJsonSchema } from '../src/zod/json-schema.js';

const file = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'datafile.v1.json');

describe('schema/datafile.v1.json', () => {
  it('is up to date with the zod schema', () => {
    const expected = `${JSON.stringify(datafileJsonSchema(), null, 2)}\n`;
    const actual = readFileSync(file, 'utf8');
    expect(
      actual === expected,
      'schema/datafile.v1.json is out of date: run `pnpm --filter @ensign/datafile-schema run generate:schema` and commit the result',
    ).toBe(true);
  });

  it('is a draft 2020-12 schema with an $id and the named definitions editors show', () => {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as { $schema: string; $id: string; $defs: Record<string, unknown>; required: string[] };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(/datafile\.v1\.json$/);
    expect(schema.required).toEqual(['schemaVersion', 'revision', 'environment', 'flags']);
    expect(Object.keys(schema.$defs)).toEqual(expect.arrayContaining(['Flag', 'Rule', 'Condition', 'Rollout', 'Bucketing', 'Segment', 'Holdout']));
  });
});
