// Contexts whose `key` may be empty. LaunchDarkly evaluates a legacy user with an empty key (`{ key: '' }`), and
// Amplitude evaluates a user with neither `user_id` nor `device_id`; a context written with `kind` still needs a
// non-empty key. The validated copies of such inputs are remembered here (a WeakSet: nothing is added to the
// object, which stays plain JSON), so the evaluator can accept them without accepting `{ kind: 'user', key: '' }`.

const allowed = new WeakSet<object>();

/**
 * Marks a validated individual context (or single-kind context) as one whose empty key is allowed. Internal to the
 * conversions of this package (legacy users, Amplitude users).
 */
export function allowEmptyKey<T extends object>(context: T): T {
  allowed.add(context);
  return context;
}

/**
 * Whether `context` (a single-kind context, or one kind's object of a multi-kind context) came from an input whose
 * empty key its vendor accepts: a LaunchDarkly legacy user with `key: ''`, an Amplitude user without ids. Such a
 * context is evaluated (it matches no key target and buckets on `''`); any other context with an empty key is not.
 *
 * @example
 * const result = validateContext({ key: '' }); // a legacy user
 * result.ok && emptyKeyAllowed(result.context); // true
 * emptyKeyAllowed({ kind: 'user', key: '' }); // false
 */
export function emptyKeyAllowed(context: unknown): boolean {
  return typeof context === 'object' && context !== null && allowed.has(context);
}

/** Marks the `user` kind of a validated context when its key is empty (see {@link allowEmptyKey}). Internal. */
export function markEmptyUserKey(context: object): void {
  const c = context as Record<string, unknown>;
  const user = c['kind'] === 'user' ? c : c['kind'] === 'multi' ? c['user'] : undefined;
  if (typeof user === 'object' && user !== null && (user as Record<string, unknown>)['key'] === '') allowEmptyKey(user);
}
