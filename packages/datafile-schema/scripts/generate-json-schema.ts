// Writes schema/datafile.v1.json from the zod schema. Run: pnpm --filter @ensign/datafile-schema run generate:schema
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { datafileJsonSchema } from '../src/zod/json-schema.js';

const target = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'datafile.v1.json');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(datafileJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
