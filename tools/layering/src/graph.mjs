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
  'node-sdk': ['common', 'context', 'datafile-schema', 'evaluator-core', 'event-pipeline', 'odp-segments', 'cookie-utils'],
});

/** Third-party packages each layer may import besides the graph (zod only at the schema seam). */
export const ALLOWED_EXTERNAL = Object.freeze({
  common: [],
  'cookie-utils': [],
  context: [],
  'datafile-schema': ['zod', 'safe-regex2'],
  'evaluator-core': ['murmurhash3js-revisited', '@noble/hashes'],
  'event-pipeline': [],
  'odp-segments': [],
  'node-sdk': ['*'],
});

/** Where node:* (and bare Node built-ins) may be imported. */
export const NODE_ALLOWED = new Set(['node-sdk']);
