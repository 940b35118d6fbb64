// The zod schema of condition trees. Each kind of node is a loose object (unknown fields are kept and ignored);
// a refinement rejects nodes that mix kinds, as the hand-written validator does.
import * as z from 'zod';
import type { Condition } from '../types.js';
import { attributeRef, contextKind, jsonObject, jsonValue, key, named, operator, semantics } from './primitives.js';

const KIND_KEYS = ['and', 'or', 'not', 'audience', 'mongo', 'op'] as const;
const ATTRIBUTELESS = new Set(['segmentMatch', 'qualified', 'inCohort']);

export const attributeCondition = named(
  z.looseObject({
    attribute: attributeRef.optional(),
    contextKind: contextKind.optional(),
    op: operator,
    values: z.array(jsonValue),
    negate: z.boolean().optional(),
    semantics: semantics.optional(),
  }),
  'AttributeCondition',
  'A leaf: the attribute (of `contextKind`, default `user`) compared with `values` by `op`. `negate` inverts the result; `semantics` picks whose rules apply.',
);

export const flagResultCondition = named(
  z.looseObject({
    flag: key,
    select: z.enum(['variationKey', 'value']).optional(),
    op: operator,
    values: z.array(jsonValue),
    negate: z.boolean().optional(),
    semantics: semantics.optional(),
  }),
  'FlagResultCondition',
  "A leaf on another flag's result: its variation key (default) or served value, compared by `op`.",
);

export const audienceReference = named(z.looseObject({ audience: key }), 'AudienceReference', 'An Optimizely audience, by id.');

export const mongoCondition = named(
  z.looseObject({ mongo: jsonObject, contextKind: contextKind.optional(), flag: key.optional() }),
  'MongoCondition',
  "A GrowthBook (Mongo-style) condition over the attributes of one context kind, or over `{ value }` of `flag`'s result.",
);

/** The condition tree. */
export const condition: z.ZodType<Condition> = named(
  z.lazy(() =>
    z
      .union([
        z.looseObject({ and: z.array(condition) }),
        z.looseObject({ or: z.array(condition) }),
        z.looseObject({ not: condition }),
        attributeCondition,
        flagResultCondition,
        audienceReference,
        mongoCondition,
      ])
      .superRefine((node, ctx) => {
        const o = node as Record<string, unknown>;
        if (o.flag !== undefined && (typeof o.flag !== 'string' || o.flag === '')) ctx.addIssue({ code: 'custom', path: ['flag'], message: 'must be a flag key' });
        const found = KIND_KEYS.filter((k) => o[k] !== undefined);
        if (found.length > 1) ctx.addIssue({ code: 'custom', message: `a condition must be exactly one kind, but it has ${found.join(' and ')}` });
        if (found.length !== 1 || found[0] !== 'op' || o.flag !== undefined) return;
        const op = o.op as string;
        if (!ATTRIBUTELESS.has(op) && o.attribute === undefined) ctx.addIssue({ code: 'custom', path: ['attribute'], message: `is required for operator "${op}"` });
        if ((op === 'segmentMatch' || op === 'inCohort') && Array.isArray(o.values) && o.values.some((v) => typeof v !== 'string')) {
          ctx.addIssue({ code: 'custom', path: ['values'], message: `"${op}" takes string keys` });
        }
      }),
  ),
  'Condition',
  'A condition tree: `and`, `or`, `not` over leaves (attribute, flag result, audience, GrowthBook `mongo`).',
) as z.ZodType<Condition>;
