// Small, total helpers of the record and flush calls: each reads caller input without throwing.
import { getContextKinds } from '@ensign/context';
import type { Context } from '@ensign/context';
import { clampDelay } from './delay.js';
import { PrivateIdentityError } from './private-values.js';
import type { DropReason } from './results.js';

/** Whether a value is a non-null object. */
export const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/**
 * The context kind (or kinds) a summary counts an evaluation under. A single-kind context costs one property read.
 * Throws what a hostile context throws; the caller catches.
 */
export function kindsOf(context: Context): string | readonly string[] {
  const kind = (context as { kind?: unknown }).kind;
  if (typeof kind === 'string' && kind !== 'multi') return kind;
  if (kind === undefined) return 'user';
  if (kind !== 'multi') return []; // a kind that is not a string names no kind (and must not reach a summary)
  try {
    return getContextKinds(context);
  } catch {
    return [];
  }
}

/** The `timeoutMs` of a flush or close options object, read without throwing (a hostile object gives undefined). */
export function timeoutOf(opts: { timeoutMs?: number } | undefined): number | undefined {
  try {
    return typeof opts === 'object' && opts !== null ? opts.timeoutMs : undefined;
  } catch {
    return undefined;
  }
}

/** A flush or close timeout: the default when absent, NaN or not a number; 0 when negative; at most 2^31 - 1 ms. */
export function timeout(given: number | undefined, fallback: number): number {
  return clampDelay(typeof given === 'number' && !Number.isNaN(given) ? given : fallback);
}

/** Why an event could not be built: a private id it would carry, or an input that could not be read. */
export function whyNotBuilt(error: unknown): DropReason {
  return error instanceof PrivateIdentityError ? 'private-identity' : 'invalid';
}
