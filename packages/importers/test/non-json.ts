// Values that are not JSON, as request handlers put them in contexts and users: shared by the differential tests of
// each vendor (launchdarkly/, amplitude/, optimizely/ non-json-values.test.ts). Fresh per call: a cycle or a class
// instance is never shared between two users.

class Visit {
  readonly at = 3;
}

const MAKERS = {
  date: () => new Date(1_700_000_000_000),
  nan: () => Number.NaN,
  infinity: () => Number.POSITIVE_INFINITY,
  negativeInfinity: () => Number.NEGATIVE_INFINITY,
  function: () => () => 'pro',
  bigint: () => 18n,
  symbol: () => Symbol('US'),
  undefined: () => undefined,
  arrayWithUndefined: () => ['pro', undefined],
  arrayWithHole: () => [, 'US'], // eslint-disable-line no-sparse-arrays
  instance: () => new Visit(),
  cycle: () => {
    const cycle: Record<string, unknown> = { city: 'Oakland' };
    cycle['self'] = cycle;
    return cycle;
  },
  nested: () => ({ city: new Date(0), zip: Number.NaN }),
  map: () => new Map([['city', 'Oakland']]),
  plainObject: () => ({ country: 'US' }),
  list: () => ['US'],
} as const;

/** A kind of value that is not JSON (or, for `plainObject` and `list`, not a scalar). */
export type NonJsonKind = keyof typeof MAKERS;

/** Every kind. */
export const NON_JSON_KINDS = Object.keys(MAKERS) as NonJsonKind[];

/** A function giving value `n` of the cycle through `kinds` (a fresh value each call). */
export function nonJsonValues(kinds: readonly NonJsonKind[]): (n: number) => unknown {
  return (n) => MAKERS[kinds[n % kinds.length] as NonJsonKind]();
}
