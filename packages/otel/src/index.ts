// Public entry of @ensign/otel: OpenTelemetry span events and metrics for the Ensign client. Each export is named.
export { createOtelHook } from './tracing-hook.js';
export type { OtelHookOptions } from './tracing-hook.js';
export { observeClient } from './client-metrics.js';
export type { ClientMetrics, ClientMetricsOptions, StatusSource } from './client-metrics.js';
export { instrumentClient } from './instrument-client.js';
export type { InstrumentableClient, InstrumentOptions } from './instrument-client.js';
export { FEATURE_FLAG_ATTRIBUTES, contextId, evaluationAttributes, semconvErrorType, semconvReason } from './attributes.js';
export type { EvaluationAttributeOptions } from './attributes.js';
export { METER_NAME, METRIC_NAMES } from './metric-names.js';
