// The validation context: issues, the current path (a stack, so no path string is built unless an issue is
// reported), limits, and the cross-references collected by the shape pass for the semantic checks.
import type { Semantics } from '../types.js';
import type { DatafileIssue, PathSegment } from '../issues.js';
import { appendPath, formatPath } from '../issues.js';
import { KeyIndex } from './key-index.js';
import type { TemplateUse } from './templates.js';

/** Thrown inside the validator (and caught by it) when the error limit is reached. */
export class StopValidation {
  readonly reason = 'too many issues';
}

/** A reference to something defined elsewhere in the document, resolved after the shape pass. */
export interface Reference {
  kind: 'flag' | 'segment' | 'audience' | 'cohort' | 'holdout' | 'group' | 'rule' | 'savedGroup';
  key: string;
  path: string;
  /** The node whose evaluation depends on the referenced one (for cycles): `flag:k`, `segment:k`, ... */
  from: string | null;
  /** flag references of prerequisites: the variation the prerequisite must serve. */
  variation?: string;
  /** rule references of group members: the flag the rule must belong to; group references: the referring rule's flag. */
  flag?: string;
  /** group references: the referring rule's id. */
  rule?: string;
  /** A scope (`holdout.flags`): the referenced flag depends on the referrer, not the other way round. */
  reverse?: boolean;
}

/** The limits of one validation run (from the options). */
export interface CtxLimits {
  maxDepth: number;
  maxIssues: number;
  maxPatternLength: number;
}

/**
 * One validation's state. The validator reuses a single instance from run to run (see `acquireCtx`): optimized code
 * refers to these objects weakly, and letting them die at every run made V8 throw that code away at the next full
 * garbage collection (measured: 3–4× slower validation after a GC).
 */
export class Ctx {
  errors: DatafileIssue[] = [];
  warnings: DatafileIssue[] = [];
  droppedErrors = 0;
  droppedWarnings = 0;
  readonly stack: PathSegment[] = [];
  refs: Reference[] = [];
  /** The node owning the conditions being walked (for dependency edges): its kind and key (joined only when used). */
  ownerKind: 'flag' | 'segment' | 'audience' | 'holdout' | null = null;
  ownerKey = '';

  /** Sets the owner of the conditions walked next (null: none). */
  own(kind: Ctx['ownerKind'], key: string | undefined): void {
    this.ownerKind = key === undefined ? null : kind;
    this.ownerKey = key ?? '';
  }
  defaultSemantics: Semantics = 'ensign';
  /** Patterns already checked, with the error found (or null). */
  readonly patterns = new Map<string, string | null>();
  /** Scratch indexes reused from flag to flag: the current flag's (or holdout's) variation keys and rule ids. */
  readonly variationKeys = new KeyIndex();
  readonly ruleIds = new KeyIndex();
  /**
   * By position in `flags`: the template of each flag expanded from one that set only per-flag fields (see
   * `templates.ts`), which carries the verdict of its shared check.
   */
  templated: readonly (TemplateUse | undefined)[] | null = null;

  constructor(
    /** The input did not come from our own JSON.parse: check prototypes and values that JSON cannot carry. */
    public strict: boolean,
    public limits: CtxLimits,
  ) {}

  /** Readies the instance for a new run. */
  reset(strict: boolean, limits: CtxLimits): this {
    this.strict = strict;
    this.limits = limits;
    this.errors = [];
    this.warnings = [];
    this.refs = [];
    this.droppedErrors = 0;
    this.droppedWarnings = 0;
    this.stack.length = 0;
    this.ownerKind = null;
    this.ownerKey = '';
    this.defaultSemantics = 'ensign';
    this.patterns.clear();
    this.templated = null;
    this.variationKeys.release();
    this.ruleIds.release();
    return this;
  }

  /** The current path, with optional extra segments. */
  path(...tail: PathSegment[]): string {
    let p = formatPath(this.stack);
    for (const s of tail) p = appendPath(p, s);
    return p;
  }

  error(message: string, ...tail: PathSegment[]): void {
    if (this.errors.length >= this.limits.maxIssues) {
      this.droppedErrors++;
      throw new StopValidation();
    }
    this.errors.push({ path: this.path(...tail), message });
  }

  errorAt(path: string, message: string): void {
    if (this.errors.length >= this.limits.maxIssues) {
      this.droppedErrors++;
      throw new StopValidation();
    }
    this.errors.push({ path, message });
  }

  warn(message: string, ...tail: PathSegment[]): void {
    if (this.warnings.length >= this.limits.maxIssues) {
      this.droppedWarnings++;
      return;
    }
    this.warnings.push({ path: this.path(...tail), message });
  }

  warnAt(path: string, message: string): void {
    if (this.warnings.length >= this.limits.maxIssues) {
      this.droppedWarnings++;
      return;
    }
    this.warnings.push({ path, message });
  }

  ref(
    kind: Reference['kind'],
    key: string,
    extra?: { variation?: string; flag?: string; rule?: string; reverse?: boolean },
    ...tail: PathSegment[]
  ): void {
    const from = this.ownerKind === null ? null : `${this.ownerKind}:${this.ownerKey}`;
    const r: Reference = { kind, key, path: this.path(...tail), from };
    if (extra?.variation !== undefined) r.variation = extra.variation;
    if (extra?.flag !== undefined) r.flag = extra.flag;
    if (extra?.rule !== undefined) r.rule = extra.rule;
    if (extra?.reverse === true) r.reverse = true;
    this.refs.push(r);
  }
}

let shared: Ctx | null = null;
let sharedBusy = false;

/**
 * The shared context, reset, or a fresh one when the shared one is in use (a getter of an object input calling the
 * validator again). Pair with {@link releaseCtx}.
 */
export function acquireCtx(strict: boolean, limits: CtxLimits): Ctx {
  if (sharedBusy) return new Ctx(strict, limits);
  sharedBusy = true;
  shared = shared === null ? new Ctx(strict, limits) : shared.reset(strict, limits);
  return shared;
}

/** Ends a run: the shared context becomes free and drops what it collected. */
export function releaseCtx(c: Ctx): void {
  if (c !== shared) return;
  c.reset(c.strict, c.limits);
  sharedBusy = false;
}
