// The `@ensign/datafile-schema/testing` subpath: generated datafiles for benchmarks, fuzz and property tests.
export { generateDatafile } from './generate-datafile.js';
export type { GenerateDatafileOptions } from './generate-datafile.js';
