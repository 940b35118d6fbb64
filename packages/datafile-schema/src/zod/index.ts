// The `@ensign/datafile-schema/zod` subpath: the zod schema of the datafile and its JSON Schema.
export { datafileSchema } from './datafile.js';
export { datafileJsonSchema, DATAFILE_JSON_SCHEMA_ID } from './json-schema.js';
