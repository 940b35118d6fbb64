// The event batch of schema version 1 as a JSON Schema (draft 2020-12), for receivers that validate what they get.
// `events.ts` holds the same contract as TypeScript types; a test checks that every event the pipeline makes fits.

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const num = { type: 'number' } as const;
const numOrNull = { type: ['number', 'null'] } as const;
const intOrNull = { type: ['integer', 'null'] } as const;
const bool = { type: 'boolean' } as const;
const json = {} as const;
const objectOrNull = { type: ['object', 'null'] } as const;
const context = { $ref: '#/$defs/context' } as const;
const base = { id: str, timestamp: num } as const;

/**
 * The JSON Schema of an {@link EventBatch} of schema version 1. Objects allow properties not listed here, so
 * receivers that validate with it keep accepting batches after a non-breaking addition (see the README's version
 * rule).
 *
 * @example
 * import Ajv from 'ajv/dist/2020';
 * const valid = new Ajv().compile(EVENT_BATCH_JSON_SCHEMA)(JSON.parse(body));
 */
export const EVENT_BATCH_JSON_SCHEMA = deepFreeze({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://ensign.dev/schemas/event-batch-v1.json',
  title: 'Ensign event batch, schema version 1',
  type: 'object',
  required: ['schemaVersion', 'batchId', 'sentAt', 'events'],
  properties: {
    schemaVersion: { const: 1 },
    batchId: str,
    sentAt: num,
    events: { type: 'array', items: { $ref: '#/$defs/event' } },
  },
  $defs: {
    context: {
      description: 'A context redacted by @ensign/context: kind, key, public attributes, _meta.redactedAttributes.',
      type: 'object',
      required: ['kind'],
      properties: { kind: str, key: str, _meta: { type: 'object', properties: { redactedAttributes: { type: 'array', items: str } } } },
    },
    reason: {
      type: ['object', 'null'],
      required: ['kind'],
      properties: { kind: str, ruleIndex: num, ruleId: str, prerequisiteKey: str, inExperiment: bool, errorKind: str, forced: bool, holdoutKey: str },
    },
    event: {
      oneOf: ['decision', 'conversion', 'identify', 'index', 'summary', 'assignment', 'exposure'].map((k) => ({ $ref: `#/$defs/${k}` })),
    },
    decision: {
      type: 'object',
      required: ['kind', 'id', 'timestamp', 'context', 'flagKey', 'flagVersion', 'variationKey', 'variationIndex', 'variationId', 'value', 'defaultValue', 'ruleKey', 'ruleId', 'ruleType', 'experimentKey', 'experimentId', 'enabled', 'revision', 'reason', 'prereqOf'],
      properties: {
        kind: { const: 'decision' },
        ...base,
        context,
        flagKey: str,
        flagVersion: numOrNull,
        variationKey: strOrNull,
        variationIndex: intOrNull,
        variationId: strOrNull,
        value: json,
        defaultValue: json,
        ruleKey: strOrNull,
        ruleId: strOrNull,
        ruleType: { enum: ['experiment', 'rollout', 'holdout', 'forced', null] },
        experimentKey: strOrNull,
        experimentId: strOrNull,
        enabled: { type: ['boolean', 'null'] },
        revision: strOrNull,
        reason: { $ref: '#/$defs/reason' },
        prereqOf: strOrNull,
      },
    },
    conversion: {
      type: 'object',
      required: ['kind', 'id', 'timestamp', 'context', 'eventKey', 'eventId', 'revision', 'tags', 'revenue', 'value', 'data', 'metricValue'],
      properties: {
        kind: { const: 'conversion' },
        ...base,
        context,
        eventKey: str,
        eventId: strOrNull,
        revision: strOrNull,
        tags: objectOrNull,
        revenue: intOrNull,
        value: numOrNull,
        data: json,
        metricValue: numOrNull,
      },
    },
    identify: { type: 'object', required: ['kind', 'id', 'timestamp', 'context'], properties: { kind: { const: 'identify' }, ...base, context } },
    index: { type: 'object', required: ['kind', 'id', 'timestamp', 'context'], properties: { kind: { const: 'index' }, ...base, context } },
    summary: {
      type: 'object',
      required: ['kind', 'id', 'timestamp', 'startDate', 'endDate', 'flags', 'unknownFlagEvaluations', 'overflowEvaluations'],
      properties: {
        kind: { const: 'summary' },
        ...base,
        startDate: num,
        endDate: num,
        unknownFlagEvaluations: { type: 'integer' },
        overflowEvaluations: { type: 'integer' },
        flags: {
          type: 'array',
          items: {
            type: 'object',
            required: ['flagKey', 'default', 'contextKinds', 'counters'],
            properties: {
              flagKey: str,
              default: json,
              contextKinds: { type: 'array', items: str },
              counters: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['variationKey', 'variationIndex', 'version', 'value', 'count', 'unknown'],
                  properties: { variationKey: strOrNull, variationIndex: intOrNull, version: numOrNull, value: json, count: { type: 'integer' }, unknown: bool },
                },
              },
            },
          },
        },
      },
    },
    assignment: {
      type: 'object',
      required: ['kind', 'id', 'timestamp', 'context', 'userId', 'deviceId', 'flags', 'insertId'],
      properties: {
        kind: { const: 'assignment' },
        ...base,
        context,
        userId: strOrNull,
        deviceId: strOrNull,
        flags: {
          type: 'array',
          items: {
            type: 'object',
            required: ['flagKey', 'variantKey', 'flagVersion', 'ruleKey', 'isDefault'],
            properties: { flagKey: str, variantKey: strOrNull, flagVersion: numOrNull, ruleKey: strOrNull, isDefault: bool },
          },
        },
        insertId: str,
      },
    },
    exposure: {
      type: 'object',
      required: ['kind', 'id', 'timestamp', 'context', 'userId', 'deviceId', 'flagKey', 'variantKey', 'experimentKey', 'metadata', 'insertId'],
      properties: {
        kind: { const: 'exposure' },
        ...base,
        context,
        userId: strOrNull,
        deviceId: strOrNull,
        flagKey: str,
        variantKey: str,
        experimentKey: strOrNull,
        metadata: objectOrNull,
        insertId: str,
      },
    },
  },
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
