// Builds the JSON Schema of the datafile from the zod schema (scripts/generate-json-schema.ts writes it to
// schema/datafile.v1.json; a test checks that the file is up to date).
import * as z from 'zod';
import { datafileSchema } from './datafile.js';
import { registry } from './primitives.js';

/**
 * Where the published JSON Schema lives (its `$id`).
 *
 * @example
 * const datafile = { $schema: DATAFILE_JSON_SCHEMA_ID, schemaVersion: 1, revision: '1', environment: 'dev', flags: [] };
 */
export const DATAFILE_JSON_SCHEMA_ID = 'https://unpkg.com/@ensign/datafile-schema/schema/datafile.v1.json';

/**
 * Returns the JSON Schema (draft 2020-12) of the datafile, for editors: point a datafile's `"$schema"` at
 * `schema/datafile.v1.json` of this package to get completion and checks of the shape. The checks of
 * `parseDatafile` that a schema cannot express (references, cycles, weights per hash mode, patterns) are not in it.
 *
 * @example
 * import { datafileJsonSchema } from '@ensign/datafile-schema/zod';
 * writeFileSync('datafile.v1.json', JSON.stringify(datafileJsonSchema(), null, 2) + '\n');
 */
export function datafileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(datafileSchema, { metadata: registry, target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return { $schema: schema.$schema, $id: DATAFILE_JSON_SCHEMA_ID, ...schema };
}
