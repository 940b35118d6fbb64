// Quarantine: a bad flag hurts only itself. The validator scopes every problem it finds to the entity it sits in
// (a flag, a segment, an audience, ...); that entity is left out of the loadable datafile, which is branded
// `ValidDatafile` so that the evaluator trusts it without validating again.
import type { Datafile } from './types.js';
import type { DatafileIssue } from './issues.js';

/** The kinds of entity a problem can be scoped to: one per list of the datafile (and each saved group). */
export type EntityKind =
  | 'flag'
  | 'segment'
  | 'audience'
  | 'cohort'
  | 'event'
  | 'attribute'
  | 'holdout'
  | 'group'
  | 'integration'
  | 'savedGroup';

/**
 * An entity left out of the loadable datafile because of a problem inside it. `path` and `message` are those of its
 * first problem (`flags[3].rules[0].rollout`); `issues` lists them all.
 *
 * @example
 * const q: QuarantinedEntity = {
 *   kind: 'flag', key: 'checkout', path: 'flags[3].offVariation',
 *   message: 'unknown variation "gone" (known: "off", "on")', issues: [...],
 * };
 */
export interface QuarantinedEntity {
  readonly kind: EntityKind;
  /** The entity's key (`id` for audiences and cohorts; the name for saved groups); `''` when it has none readable. */
  readonly key: string;
  readonly path: string;
  readonly message: string;
  readonly issues: readonly DatafileIssue[];
}

declare const VALID: unique symbol;

/**
 * A datafile that passed `parseDatafile` (or `validateDatafile`, or came out of `mergeLastGood`): every entity in it
 * is well formed and what was quarantined is out of it (see {@link quarantineOf}). Code past the seam, such as
 * `compileDatafile`, trusts it without validating again. Only this package makes one; treat it as read-only.
 *
 * @example
 * const result = parseDatafile(text);
 * if (result.ok) compileDatafile(result.datafile); // result.datafile: ValidDatafile
 */
export type ValidDatafile = Datafile & { readonly [VALID]: true };

/** Where a quarantined entity sat, for `mergeLastGood` to put a replacement back in place. */
export interface Placement {
  /** The list field (`flags`, `segments`, ...) or `savedGroups`. */
  readonly field: string;
  /** Index in the original list; -1 for saved groups. */
  readonly index: number;
}

/** What the brand carries: the quarantined entities, where each sat, and the original length of each list. */
export interface Seal {
  readonly quarantined: readonly QuarantinedEntity[];
  readonly placements: readonly Placement[];
  readonly lengths: Readonly<Record<string, number>>;
}

// A WeakMap rather than a property: the datafile stays a plain JSON object (what `JSON.stringify` shows is the
// document), and no caller can forge the brand.
const seals = new WeakMap<object, Seal>();
const NOTHING: Seal = Object.freeze({ quarantined: Object.freeze([]), placements: Object.freeze([]), lengths: Object.freeze({}) });

/** Brands `datafile` as valid, remembering what was quarantined out of it. Internal to this package. */
export function seal(datafile: Datafile, s: Seal = NOTHING): ValidDatafile {
  seals.set(datafile, s);
  return datafile as ValidDatafile;
}

/** The seal of a datafile, or null when it did not come out of this package's validator. Internal. */
export function sealOf(datafile: unknown): Seal | null {
  return typeof datafile === 'object' && datafile !== null ? (seals.get(datafile) ?? null) : null;
}

/**
 * Tells whether a value is a datafile branded by this package (the result of `parseDatafile`, `validateDatafile`
 * or `mergeLastGood`), so it can be trusted without validating again.
 *
 * @example
 * if (!isValidDatafile(d)) d = parseOrThrow(d);
 */
export function isValidDatafile(value: unknown): value is ValidDatafile {
  return sealOf(value) !== null;
}

/**
 * The entities quarantined out of a valid datafile, in document order (flags first). Empty for a clean datafile and
 * for any value this package did not brand. Never throws.
 *
 * @example
 * for (const q of quarantineOf(result.datafile)) logger.warn(`${q.kind} ${q.key} quarantined at ${q.path}: ${q.message}`);
 */
export function quarantineOf(datafile: ValidDatafile | Datafile): readonly QuarantinedEntity[] {
  return sealOf(datafile)?.quarantined ?? NOTHING.quarantined;
}
