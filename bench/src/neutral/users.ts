// The users of the neutral workload: a fresh 36-character UUID key on every call (never seen before by the process)
// and seven attributes (key, country, plan, email, appVersion, age, beta). The pool is built before anything is
// measured, deterministically (a seeded generator), so that two runs with different call counts see the same users
// and instruction counts repeat; each timed call builds its SDK's context from these primitives.
import { RULE_PLAN } from '../workload/spec.js';

const COUNTRIES = Object.freeze(['US', 'CA', 'GB', 'DE'] as const);
const PLANS = Object.freeze([RULE_PLAN, 'free'] as const);
const VERSIONS = Object.freeze(['4.2.0', '4.1.3', '3.9.9', '5.0.0-beta.2'] as const);

/** The precomputed users, as parallel arrays (no object per user: the timed call builds it). */
export interface NeutralPool {
  readonly size: number;
  readonly ids: readonly string[];
  readonly countries: readonly string[];
  readonly plans: readonly string[];
  readonly emails: readonly string[];
  readonly versions: readonly string[];
  readonly ages: readonly number[];
  readonly betas: readonly boolean[];
}

/** A small seeded generator (mulberry32): the same users on every run. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const HEX = '0123456789abcdef';

/**
 * A flat copy of a string built by concatenation: V8 keeps `a + b` as a rope, which every character read must first
 * flatten, while keys from a request (JSON, headers) arrive flat.
 */
function flat(text: string): string {
  return Buffer.from(text, 'latin1').toString('latin1');
}

/** A version-4 UUID (36 characters) from the generator. */
function uuid(next: () => number): string {
  let s = '';
  for (let i = 0; i < 32; i++) {
    if (i === 8 || i === 12 || i === 16 || i === 20) s += '-';
    let nibble = next() & 15;
    if (i === 12) nibble = 4;
    else if (i === 16) nibble = 8 | (nibble & 3);
    s += HEX[nibble];
  }
  return flat(s);
}

/**
 * Builds `size` users. A quarter match the benchmark rule (country US or CA, plan pro), as in the main bench.
 *
 * @example
 * const pool = createNeutralPool(1_000);
 * pool.ids[0].length; // 36
 */
export function createNeutralPool(size: number, seed = 0x5eed): NeutralPool {
  const next = generator(seed);
  const ids: string[] = [];
  const countries: string[] = [];
  const plans: string[] = [];
  const emails: string[] = [];
  const versions: string[] = [];
  const ages: number[] = [];
  const betas: boolean[] = [];
  for (let n = 0; n < size; n++) {
    const id = uuid(next);
    ids.push(id);
    countries.push(COUNTRIES[n % COUNTRIES.length] as string);
    plans.push(PLANS[Math.floor(n / COUNTRIES.length) % PLANS.length] as string);
    emails.push(flat(`${id.slice(0, 8)}@example.com`));
    versions.push(VERSIONS[next() % VERSIONS.length] as string);
    ages.push(18 + (next() % 60));
    betas.push((next() & 1) === 1);
  }
  return { size, ids, countries, plans, emails, versions, ages, betas };
}
