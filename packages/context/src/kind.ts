const KIND_PATTERN = /^[A-Za-z0-9._-]+$/;

/**
 * Tells whether a value is a valid context kind, as LaunchDarkly defines it: a non-empty string of ASCII letters,
 * digits, `.`, `_` and `-`, other than `kind`. `multi` passes this check (it names a kind inside a multi-kind
 * context), but a single-kind context may not use it: {@link validateContext} rejects `{ kind: 'multi', key }`
 * without nested contexts.
 *
 * @param kind - any value; never throws.
 * @returns `true` for a valid kind.
 * @example
 * isValidKind('organization'); // true
 * isValidKind('my kind');      // false: space
 * isValidKind('kind');         // false: reserved
 */
export function isValidKind(kind: unknown): boolean {
  return typeof kind === 'string' && kind !== 'kind' && KIND_PATTERN.test(kind);
}
