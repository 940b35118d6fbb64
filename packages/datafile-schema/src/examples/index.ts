// The `@ensign/datafile-schema/examples` subpath: a realistic datafile for READMEs, demos and tests. The JSON
// examples are importable too: `@ensign/datafile-schema/examples/small.json`, `.../full.json`.
export { exampleDatafile } from './example-datafile.js';
