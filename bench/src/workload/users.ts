// The users of the workloads: `user-<n>` with a country and a plan chosen so that a quarter of them match the rule
// (US or CA, and pro) and the rest go through the rollout. The pool is precomputed so that timed calls pay for
// building the vendor's user object, as a request handler does, and not for formatting ids.

/** Users in the pool: a prime, so `i % POOL_SIZE` and `i % 100` cover every (user, flag) pair. */
export const POOL_SIZE = 9_973;

const COUNTRIES = Object.freeze(['US', 'CA', 'GB', 'DE'] as const);
const PLANS = Object.freeze(['pro', 'free'] as const);

/** The id of user `n`. */
export function userId(n: number): string {
  return `user-${n}`;
}

/** The country of user `n`. */
export function userCountry(n: number): string {
  return COUNTRIES[n % COUNTRIES.length] as string;
}

/** The plan of user `n`. */
export function userPlan(n: number): string {
  return PLANS[Math.floor(n / COUNTRIES.length) % PLANS.length] as string;
}

/** The precomputed pool: parallel arrays of ids, countries and plans. */
export interface UserPool {
  readonly ids: readonly string[];
  readonly countries: readonly string[];
  readonly plans: readonly string[];
}

/** Builds the pool of the first `size` users. */
export function createUserPool(size: number = POOL_SIZE): UserPool {
  const ids: string[] = [];
  const countries: string[] = [];
  const plans: string[] = [];
  for (let n = 0; n < size; n++) {
    ids.push(userId(n));
    countries.push(userCountry(n));
    plans.push(userPlan(n));
  }
  return { ids, countries, plans };
}
