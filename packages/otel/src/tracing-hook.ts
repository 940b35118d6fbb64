import type { Hook } from '@ensign/sdk-core';
import type { Counter, Meter } from '@opentelemetry/api';
import { metrics, trace } from '@opentelemetry/api';
import type { EvaluationAttributeOptions } from './attributes.js';
import { FEATURE_FLAG_ATTRIBUTES, evaluationAttributes } from './attributes.js';
import { METER_NAME, METRIC_NAMES } from './metric-names.js';

/** Options of {@link createOtelHook}. */
export interface OtelHookOptions extends EvaluationAttributeOptions {
  /** Add a `feature_flag.evaluation` event to the active span. Default true. */
  spanEvents?: boolean;
  /** Count evaluations on `ensign.flag.evaluations` (attributes: key, reason, variant, error type). Default true. */
  countEvaluations?: boolean;
  /** The meter of the evaluation counter. Default: `metrics.getMeter('@ensign/otel')` of the global meter provider. */
  meter?: Meter;
}

/**
 * Creates the OpenTelemetry evaluation hook (the client's hook shape; install it with `createClient({ hooks: [hook] })`
 * or `client.addHook(hook)`). After every evaluation of every face it:
 * - adds a `feature_flag.evaluation` event to the active span, if there is one, with the semantic-convention
 *   attributes `feature_flag.key`, `feature_flag.provider.name`, `feature_flag.result.variant`,
 *   `feature_flag.result.reason`, `feature_flag.context.id`, `feature_flag.version` (the datafile revision) and,
 *   on errors, `error.type`;
 * - counts it on `ensign.flag.evaluations`.
 *
 * Nothing it does throws into the evaluation (a failing hook is logged by the client and skipped).
 *
 * @example
 * const client = createClient({ datafilePath: './flags.json', hooks: [createOtelHook()] });
 */
export function createOtelHook(options: OtelHookOptions = {}): Hook {
  const spanEvents = options.spanEvents !== false;
  let counter: Counter | null = null;
  if (options.countEvaluations !== false) {
    const meter = options.meter ?? metrics.getMeter(METER_NAME);
    counter = meter.createCounter(METRIC_NAMES.evaluations, { description: 'Feature flag evaluations', unit: '{evaluation}' });
  }
  const attributeOptions: EvaluationAttributeOptions = {
    ...(options.providerName === undefined ? {} : { providerName: options.providerName }),
    ...(options.includeValue === undefined ? {} : { includeValue: options.includeValue }),
  };
  const a = FEATURE_FLAG_ATTRIBUTES;
  return {
    getMetadata: () => ({ name: '@ensign/otel' }),
    afterEvaluation(seriesContext, data, detail) {
      const span = spanEvents ? trace.getActiveSpan() : undefined;
      if (span === undefined && counter === null) return data;
      const attributes = evaluationAttributes(seriesContext.flagKey, seriesContext.context, detail, attributeOptions);
      if (span !== undefined && span.isRecording()) span.addEvent(a.EVENT_NAME, attributes);
      if (counter !== null) {
        const counted: Record<string, string> = { [a.KEY]: seriesContext.flagKey, [a.RESULT_REASON]: attributes[a.RESULT_REASON] as string };
        const variant = attributes[a.RESULT_VARIANT];
        if (typeof variant === 'string') counted[a.RESULT_VARIANT] = variant;
        const errorType = attributes[a.ERROR_TYPE];
        if (typeof errorType === 'string') counted[a.ERROR_TYPE] = errorType;
        counter.add(1, counted);
      }
      return data;
    },
  };
}
