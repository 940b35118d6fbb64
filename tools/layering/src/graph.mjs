// The allowed package graph of ../shared/STYLE.md: each package may import only the packages listed for it.
// `apps/*` may import any package. Siblings on one layer never import each other.
export const ALLOWED = Object.freeze({
  common: [],
  'cookie-utils': ['common'],
  context: ['common'],
  'datafile-schema': ['common'],
  'evaluator-core': ['common', 'context', 'datafile-schema'],
  'event-pipeline': ['common', 'context'],
  'odp-segments': ['common', 'context'],
  'sdk-core': ['common', 'context', 'datafile-schema', 'evaluator-core', 'event-pipeline', 'odp-segments'],
  'node-sdk': ['common', 'sdk-core'],
  // Tools beside the SDK: importers write datafiles; the CLI and integrations sit on top like apps.
  importers: ['common', 'datafile-schema'],
  cli: ['common', 'context', 'datafile-schema', 'evaluator-core', 'importers', 'node-sdk'],
  'redis-store': ['common', 'sdk-core'],
  'openfeature-provider': ['common', 'node-sdk', 'sdk-core'],
  otel: ['common', 'sdk-core'],
});

/**
 * Packages a package's tests (files under test/ or named *.test.ts) may import besides ALLOWED: differential
 * tests drive a whole client, which the shipped source may not depend on.
 */
export const TEST_ALLOWED = Object.freeze({
  importers: ['node-sdk', 'sdk-core', 'evaluator-core', 'context'],
  // The Node shell's tests drive real HTTP and files, with the event pipeline's test doubles and fixtures.
  'node-sdk': ['event-pipeline', 'context', 'datafile-schema'],
  'evaluator-core': [],
});

/** Third-party packages each layer may import besides the graph (zod only at the schema seam). */
export const ALLOWED_EXTERNAL = Object.freeze({
  common: [],
  'cookie-utils': [],
  context: [],
  'datafile-schema': ['zod', 'safe-regex2', 're2js'],
  'evaluator-core': ['murmurhash3js-revisited', '@noble/hashes', 're2js'],
  'event-pipeline': [],
  'odp-segments': [],
  'sdk-core': [],
  'node-sdk': ['*'],
  importers: [],
  cli: ['*'],
  'redis-store': ['ioredis'],
  'openfeature-provider': ['@openfeature/server-sdk', '@openfeature/core'],
  otel: ['@opentelemetry/api'],
});

/** Where node:* (and bare Node built-ins) may be imported. */
export const NODE_ALLOWED = new Set(['node-sdk', 'cli', 'redis-store']);

/**
 * Folder rules inside a package: for each package, its top-level folders under src/ and the folders each may import
 * from (relative imports). `faces: ['core']` also forbids one face importing another (each face folder is its own
 * unit: `faces/<name>/` may import only itself and `core`).
 */
export const FOLDERS = Object.freeze({
  'sdk-core': {
    core: ['core'],
    faces: ['core'],
    client: ['core', 'faces', 'client'],
  },
});
