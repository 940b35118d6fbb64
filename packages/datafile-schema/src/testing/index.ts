// The `@ensign/datafile-schema/testing` subpath: generated datafiles for benchmarks, fuzz and property tests.
export { generateDatafile } from './generate-datafile.js';
export type { GenerateDatafileOptions } from './generate-datafile.js';
export { BROKEN_FLAG_CASES, brokenFlagsDatafile } from './broken-datafile.js';
export type { BrokenFlagCase } from './broken-datafile.js';
