// The zod schema of the whole document and the lists beside flags.
import * as z from 'zod';
import type { Datafile } from '../types.js';
import { condition } from './condition.js';
import { bucketing, flag, rollout, variation } from './flag.js';
import { attributeRef, contextKind, jsonValue, key, named, registry, ruleStatus, semantics } from './primitives.js';

export const segmentTarget = z.object({ contextKind: contextKind.optional(), values: z.array(z.string()) });

export const segment = named(
  z.object({
    key,
    id: key.optional(),
    version: z.number().optional(),
    salt: z.string().optional(),
    included: z.array(segmentTarget).optional(),
    excluded: z.array(segmentTarget).optional(),
    rules: z
      .array(
        z.object({
          id: z.string().optional(),
          conditions: condition.optional(),
          weight: z.number().min(0).max(100_000).optional(),
          bucketBy: attributeRef.optional(),
          rolloutContextKind: contextKind.optional(),
        }),
      )
      .optional(),
    unbounded: z.boolean().optional(),
    unboundedContextKind: contextKind.optional(),
    generation: z.number().int().nonnegative().optional(),
  }),
  'Segment',
  'A reusable set of contexts: included and excluded keys per context kind, then rules (optionally weighted, in 1/100000).',
);

export const audience = named(
  z.object({ id: key, key: z.string().optional(), name: z.string().optional(), conditions: condition }),
  'Audience',
  'An Optimizely audience: a named condition, referred to by id.',
);

export const cohort = z.object({ id: key, name: z.string().optional(), contextKind: contextKind.optional() });
export const eventDefinition = z.object({ key, id: key.optional(), experimentIds: z.array(z.string()).optional() });
export const attributeDefinition = z.object({ key, id: key.optional() });

export const holdout = named(
  z.object({
    key,
    id: key.optional(),
    status: ruleStatus.optional(),
    conditions: condition.optional(),
    variations: z.array(variation),
    rollout,
    flags: z.array(key).optional(),
    rules: z.array(key).optional(),
    audiences: z.string().optional(),
  }),
  'Holdout',
  'Traffic kept out of experiments. Global when neither `flags` nor `rules` scope it.',
);

export const exclusionGroup = named(
  z.object({
    key,
    id: key.optional(),
    bucketing,
    members: z.array(z.object({ flag: key.optional(), rule: key.nullable(), weight: z.number().nonnegative() })),
  }),
  'ExclusionGroup',
  'Mutual exclusion: a context takes part in at most one member rule; members are laid end to end in the bucket space.',
);

export const integration = z.object({ key, host: z.string().optional(), publicKey: z.string().optional(), pixelUrl: z.string().optional() });

export const settings = z.object({
  sendFlagDecisions: z.boolean().optional(),
  anonymizeIp: z.boolean().optional(),
  botFiltering: z.boolean().optional(),
  region: z.string().optional(),
});

/**
 * The zod schema of the native datafile v1. It is the published schema the JSON Schema is generated from; the
 * `parseDatafile` of the root entry does not use it (zod compiles object parsers with `new Function` unless
 * `jitless` is set, and its config is global), and adds the checks a schema cannot express: references,
 * duplicates, cycles, weights per hash mode, operator values, patterns, variable types and depth limits.
 *
 * Unknown fields are stripped (condition and serve nodes keep them).
 *
 * @example
 * import { datafileSchema } from '@ensign/datafile-schema/zod';
 * const result = datafileSchema.safeParse(JSON.parse(text));
 * if (!result.success) console.error(result.error.issues);
 */
export const datafileSchema: z.ZodType<Datafile> = z
  .object(datafileShape())
  .register(registry, {
    title: 'Ensign datafile v1',
    description: 'The native Ensign datafile, version 1: one document per environment. See docs/datafile.md.',
  }) as z.ZodType<Datafile>;

/** The top-level fields of the schema (a function, so `model-check.ts` can name the object type). */
export function datafileShape() {
  return {
    $schema: z.string().optional(),
    schemaVersion: z.literal(1),
    revision: z.string(),
    environment: z.string(),
    accountId: z.string().optional(),
    projectId: z.string().optional(),
    semantics: semantics.optional(),
    settings: settings.optional(),
    flags: z.array(flag),
    segments: z.array(segment).optional(),
    audiences: z.array(audience).optional(),
    cohorts: z.array(cohort).optional(),
    events: z.array(eventDefinition).optional(),
    attributes: z.array(attributeDefinition).optional(),
    holdouts: z.array(holdout).optional(),
    groups: z.array(exclusionGroup).optional(),
    integrations: z.array(integration).optional(),
    savedGroups: z.record(z.string(), z.array(jsonValue)).optional(),
  };
}
