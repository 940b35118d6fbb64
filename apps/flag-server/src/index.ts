// Public entry of flag-server: each export is named.
export { startFlagServer } from './server.js';
export type { FlagServer } from './server.js';
export type { FlagServerLogOptions, FlagServerOptions } from './server-options.js';
export { generateSigningKeyPair, writeSigningKey } from './signing/keygen.js';
export type { GeneratedKeyPair } from './signing/keygen.js';
export { SIGNATURE_HEADER } from './routes/datafile-routes.js';
export { wilsonInterval, Z_95 } from './experiments/wilson.js';
export type { ConversionResult, ExperimentResults, VariationResult } from './experiments/experiment-results.js';
export type { ErrorBody, ErrorCode } from './http/errors.js';
export { startAggregator } from './fleet/aggregator.js';
export type { Aggregator, AggregatorOptions } from './fleet/aggregator.js';
