// The zod schema of flags and what they serve: variations, variables, targets, rules, rollouts, bucketing.
import * as z from 'zod';
import { condition } from './condition.js';
import { attributeRef, contextKind, described, hashMode, jsonObject, jsonValue, key, named, pair, ruleStatus } from './primitives.js';

/** Zod schema: A variation. */
export const variation = named(
  z.object({
    key,
    id: key.optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    value: jsonValue,
    enabled: z.boolean().optional(),
    variables: z.record(z.string(), jsonValue).optional(),
    payload: jsonValue.optional(),
    metadata: jsonObject.optional(),
  }),
  'Variation',
  'A variation: a key unique in the flag, a JSON value (null for none), Optimizely-style variable overrides, Amplitude payload and metadata.',
);

export const variableDefinition = named(
  z.object({ key, id: key.optional(), type: z.enum(['boolean', 'integer', 'double', 'string', 'json']), default: jsonValue }),
  'VariableDefinition',
  'A typed flag variable with its default; variations override it while enabled.',
);

/** Zod schema: Individual targeting. */
export const target = named(
  z.object({ contextKind: contextKind.optional(), values: z.array(z.string()), variation: z.string() }),
  'Target',
  'Individual targeting: these keys of this context kind get this variation.',
);

export const prerequisite = named(
  z.object({ flagKey: key, variation: z.string() }),
  'Prerequisite',
  'Another flag that must serve `variation` for this one to go on.',
);

export const hashFilter = z.object({
  seed: z.string(),
  ranges: z.array(pair),
  hashVersion: z.union([z.literal(1), z.literal(2)]).optional(),
  attribute: attributeRef.optional(),
});

/** Zod schema: The bucketing spec of a rollout or group. */
export const bucketing = named(
  z.object({
    hash: hashMode,
    bucketBy: attributeRef.optional(),
    fallbackAttribute: attributeRef.optional(),
    contextKind: contextKind.optional(),
    seed: z.union([z.string(), z.number()]).optional(),
    salt: z.string().optional(),
    hashKey: z.string().optional(),
    entityId: z.string().optional(),
    namespace: z.object({ id: z.string(), range: pair }).optional(),
    filters: z.array(hashFilter).optional(),
  }),
  'Bucketing',
  'How a context is hashed into a bucket: the hash mode (the exact arithmetic of one vendor), the attribute and context kind hashed, and the seed or salt.',
);

export const weightedVariation = named(
  z.object({
    variation: z.string().nullable(),
    weight: z.number().nonnegative(),
    range: pair.optional(),
    untracked: z.boolean().optional(),
  }),
  'WeightedVariation',
  "A slice of a rollout, in the hash mode's units; `variation: null` is a hole.",
);

/** Zod schema: A rollout. */
export const rollout = named(
  z.object({
    kind: z.enum(['rollout', 'experiment']).optional(),
    bucketing,
    variations: z.array(weightedVariation),
    allocation: pair.optional(),
    coverage: z.number().min(0).max(1).optional(),
  }),
  'Rollout',
  'A percentage rollout or an experiment split.',
);

/** Zod schema: What a rule or the fallthrough serves. */
export const serve = named(
  z.union([z.looseObject({ variation: z.string() }), z.looseObject({ rollout })]).superRefine((node, ctx) => {
    const o = node as Record<string, unknown>;
    if (o.variation !== undefined && o.rollout !== undefined) ctx.addIssue({ code: 'custom', message: 'serves either "variation" or "rollout", not both' });
  }),
  'Serve',
  'One variation (`{ "variation": key }`), or a rollout (`{ "rollout": ... }`).',
);

export const experimentRef = z.object({
  key,
  id: key.optional(),
  layerId: z.string().optional(),
  type: z.string().optional(),
  cmab: z.object({ trafficAllocation: z.number().min(0).max(10_000), attributeIds: z.array(z.string()) }).optional(),
  audiences: z.string().optional(),
});

export const rule = named(
  z.object({
    // Optional: LaunchDarkly datafiles may have rules without ids (parseDatafile requires them under other semantics).
    id: key.optional(),
    key: z.string().optional(),
    description: z.string().optional(),
    conditions: condition.optional(),
    serve,
    onMiss: z.union([z.literal('next'), z.literal('last'), z.object({ variation: z.string() })]).optional(),
    kind: z.enum(['targeting', 'experiment', 'rollout']).optional(),
    status: ruleStatus.optional(),
    experiment: experimentRef.optional(),
    targets: z.array(target).optional(),
    group: key.optional(),
    trackEvents: z.boolean().optional(),
    metadata: jsonObject.optional(),
    gate: condition.optional(),
  }),
  'Rule',
  'An ordered rule: when `conditions` match (absent: everyone), serve; `onMiss` says what happens when the rollout assigns nothing.',
);

// Optional values, as the model's index signatures (`JsonValue | undefined`) say; JSON text never carries undefined.
const vendorMetadata = z.record(z.string(), jsonValue.optional());

const flagMetadata = described(
  z
    .object({
      amplitude: z
        .object({
          flagType: z.string().optional(),
          flagVersion: z.number().optional(),
          deployed: z.boolean().optional(),
          evaluationMode: z.enum(['local', 'remote']).optional(),
          experimentKey: z.string().optional(),
          deliveryMethod: z.string().optional(),
          trackExposure: z.boolean().optional(),
        })
        .catchall(jsonValue.optional())
        .optional(),
      optimizely: z
        .object({ flagId: z.string().optional(), rolloutId: z.string().optional(), experimentIds: z.array(z.string()).optional() })
        .catchall(jsonValue.optional())
        .optional(),
    })
    .catchall(vendorMetadata.optional()),
  "Vendor metadata echoed by the flag's decisions, by vendor.",
);

/** Zod schema: A flag. */
export const flag = named(
  z.object({
    key,
    id: key.optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    version: z.number().optional(),
    tags: z.array(z.string()).optional(),
    on: z.boolean(),
    variations: z.array(variation),
    variables: z.array(variableDefinition).optional(),
    offVariation: z.string().nullable().optional(),
    prerequisites: z.array(prerequisite).optional(),
    targets: z.array(target).optional(),
    rules: z.array(rule).optional(),
    fallthrough: serve.optional(),
    salt: z.string().optional(),
    clientSide: z.boolean().optional(),
    trackEvents: z.boolean().optional(),
    trackEventsFallthrough: z.boolean().optional(),
    holdouts: z.array(key).optional(),
    excludeFromSummaries: z.boolean().optional(),
    debugEventsUntilDate: z.number().optional(),
    samplingRatio: z.number().int().nonnegative().optional(),
    clientSideAvailability: z.object({ usingMobileKey: z.boolean().optional(), usingEnvironmentId: z.boolean().optional() }).optional(),
    metadata: flagMetadata.optional(),
  }),
  'Flag',
  'A feature flag: typed variations, targeting, ordered rules, fallthrough, and the vendor metadata its decisions echo.',
);
