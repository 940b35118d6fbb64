// The zod schema and the model types, tied at compile time: each object schema's fields must be exactly the model
// type's (same keys, each way assignable), so adding a field to a model type fails `tsc` until the schema has it.
//
// How it fails: add `owner?: string` to `Flag` (model/flag.ts) and `tsc` reports at the `Flag` line below
//   Type '{ missing: "owner"; extra: never; }' does not satisfy the constraint 'true'.
// A schema field the type lacks fails the same way (`extra`), and a field of another type as
// 'zod output is not assignable to the model' (or the reverse).
import type * as z from 'zod';
import type {
  AttributeCondition,
  AttributeDefinition,
  Audience,
  AudienceReference,
  Bucketing,
  Cohort,
  Datafile,
  EventDefinition,
  ExclusionGroup,
  ExperimentRef,
  Flag,
  FlagResultCondition,
  HashFilter,
  Holdout,
  Integration,
  MongoCondition,
  Prerequisite,
  Rollout,
  Rule,
  Segment,
  SegmentTarget,
  Settings,
  Target,
  VariableDefinition,
  Variation,
  WeightedVariation,
} from '../types.js';
import type { KeysOfUnion } from '../validate/fields.js';
import type { attributeCondition, audienceReference, flagResultCondition, mongoCondition } from './condition.js';
import type {
  attributeDefinition,
  audience,
  cohort,
  datafileShape,
  eventDefinition,
  exclusionGroup,
  holdout,
  integration,
  segment,
  segmentTarget,
  settings,
} from './datafile.js';
import type { bucketing, experimentRef, flag, hashFilter, prerequisite, rollout, rule, target, variableDefinition, variation, weightedVariation } from './flag.js';

/** The named fields of a type (a loose object's `[key: string]: unknown` left out). */
type Known<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

/** `true` when the schema's output and the model type have the same fields and are assignable each way. */
type Agree<Out, Model> = [Exclude<KeysOfUnion<Known<Out>>, KeysOfUnion<Model>> | Exclude<KeysOfUnion<Model>, KeysOfUnion<Known<Out>>>] extends [never]
  ? [Known<Out>] extends [Model]
    ? [Model] extends [Known<Out>]
      ? true
      : 'the model is not assignable to the zod output'
    : 'the zod output is not assignable to the model'
  : { missing: Exclude<KeysOfUnion<Model>, KeysOfUnion<Known<Out>>>; extra: Exclude<KeysOfUnion<Known<Out>>, KeysOfUnion<Model>> };

type Expect<T extends true> = T;
type O<S extends z.ZodType> = z.output<S>;

/** Every object schema against its model type; never used at run time. */
export type ZodModelAgreement = [
  Expect<Agree<O<z.ZodObject<ReturnType<typeof datafileShape>>>, Datafile>>,
  Expect<Agree<O<typeof settings>, NonNullable<Settings>>>,
  Expect<Agree<O<typeof flag>, Flag>>,
  Expect<Agree<O<typeof rule>, Rule>>,
  Expect<Agree<O<typeof variation>, Variation>>,
  Expect<Agree<O<typeof variableDefinition>, VariableDefinition>>,
  Expect<Agree<O<typeof target>, Target>>,
  Expect<Agree<O<typeof prerequisite>, Prerequisite>>,
  Expect<Agree<O<typeof experimentRef>, ExperimentRef>>,
  Expect<Agree<O<typeof rollout>, Rollout>>,
  Expect<Agree<O<typeof weightedVariation>, WeightedVariation>>,
  Expect<Agree<O<typeof bucketing>, Bucketing>>,
  Expect<Agree<O<typeof hashFilter>, HashFilter>>,
  Expect<Agree<O<typeof segment>, Segment>>,
  Expect<Agree<O<typeof segmentTarget>, SegmentTarget>>,
  Expect<Agree<O<typeof audience>, Audience>>,
  Expect<Agree<O<typeof cohort>, Cohort>>,
  Expect<Agree<O<typeof eventDefinition>, EventDefinition>>,
  Expect<Agree<O<typeof attributeDefinition>, AttributeDefinition>>,
  Expect<Agree<O<typeof holdout>, Holdout>>,
  Expect<Agree<O<typeof exclusionGroup>, ExclusionGroup>>,
  Expect<Agree<O<typeof integration>, Integration>>,
  Expect<Agree<O<typeof attributeCondition>, AttributeCondition>>,
  Expect<Agree<O<typeof flagResultCondition>, FlagResultCondition>>,
  Expect<Agree<O<typeof audienceReference>, AudienceReference>>,
  Expect<Agree<O<typeof mongoCondition>, MongoCondition>>,
];
