// The part of a generated module that does not depend on the datafile: types of the client calls it wraps and the
// typed helpers. Kept as source text; the tests compile it with tsc.

/**
 * The helper section of a generated flags module: structural client types (so the module imports nothing and works
 * with any `@ensign/node-sdk` client) and the typed `variation`, `variationDetail`, `decide`, `variant` and
 * `evaluate` helpers, each taking a flag key or a `flags.<name>` entry.
 *
 * @example
 * const source = header + flagTypes + HELPERS_SOURCE;
 */
export const HELPERS_SOURCE = `
/** A flag key, or an entry of \`flags\`. */
export type FlagRef<K extends FlagKey> = K | { readonly key: K };

/** The value type of a flag: the union of its variations' values. */
export type FlagValue<K extends FlagKey> = FlagTypes[K]['value'];
/** The variation keys of a flag. */
export type FlagVariationKey<K extends FlagKey> = FlagTypes[K]['variationKey'];
/** The variables of a flag, by key, with their declared types. */
export type FlagVariables<K extends FlagKey> = FlagTypes[K]['variables'];
/** The type of the variations' payloads (Amplitude); \`never\` when no variation has one. */
export type FlagPayload<K extends FlagKey> = FlagTypes[K]['payload'];

/** The LaunchDarkly-style calls of an \`@ensign/node-sdk\` client that these helpers use. */
export interface VariationClient {
  variation(flagKey: string, context: unknown, defaultValue: JsonValue): unknown;
}

/** \`variationDetail\` of an \`@ensign/node-sdk\` client. */
export interface VariationDetailClient<R extends { value: unknown }> {
  variationDetail(flagKey: string, context: unknown, defaultValue: JsonValue): R;
}

/** An Optimizely-style user context of an \`@ensign/node-sdk\` client (\`client.createUserContext(id, attributes)\`). */
export interface DecideUser<D extends { variationKey: string | null; variables: object }> {
  decide(flagKey: string, options?: readonly string[]): D;
}

/** An Amplitude-style variant, as \`client.evaluate\` returns it. */
export interface VariantLike {
  key?: string;
  value?: string;
  payload?: unknown;
  metadata?: { [key: string]: unknown };
}

/** The Amplitude-style call of an \`@ensign/node-sdk\` client. */
export interface EvaluateClient<U> {
  evaluate(user: U, flagKeys?: readonly string[]): Record<string, VariantLike>;
}

/** A decision with the flag's own types. */
export type TypedDecision<K extends FlagKey, D> = Omit<D, 'flagKey' | 'variationKey' | 'variables'> & {
  flagKey: K;
  variationKey: FlagVariationKey<K> | null;
  variables: FlagVariables<K>;
};

/** A variant with the flag's own types (\`value\` stays a string, as Amplitude serves it). */
export type TypedVariant<K extends FlagKey> = Omit<VariantLike, 'key' | 'payload'> & {
  key?: FlagVariationKey<K>;
  payload?: FlagPayload<K>;
};

function keyOf<K extends FlagKey>(flag: FlagRef<K>): K {
  return typeof flag === 'string' ? flag : flag.key;
}

/**
 * The flag's value for a context (LaunchDarkly \`variation\`): one of its variations' values, or \`defaultValue\`.
 *
 * @example
 * variation(client, flags.checkoutRedesign, { kind: 'user', key: 'user-42' }, false);
 */
export function variation<K extends FlagKey, D extends JsonValue = FlagValue<K>>(
  client: VariationClient,
  flag: FlagRef<K>,
  context: unknown,
  defaultValue: FlagValue<K> | D,
): FlagValue<K> | D {
  return client.variation(keyOf(flag), context, defaultValue as JsonValue) as FlagValue<K> | D;
}

/**
 * The flag's value with its reason (LaunchDarkly \`variationDetail\`).
 *
 * @example
 * variationDetail(client, 'checkout-redesign', context, false).reason;
 */
export function variationDetail<K extends FlagKey, R extends { value: unknown }, D extends JsonValue = FlagValue<K>>(
  client: VariationDetailClient<R>,
  flag: FlagRef<K>,
  context: unknown,
  defaultValue: FlagValue<K> | D,
): Omit<R, 'value'> & { value: FlagValue<K> | D } {
  return client.variationDetail(keyOf(flag), context, defaultValue as JsonValue) as Omit<R, 'value'> & { value: FlagValue<K> | D };
}

/**
 * The Optimizely decision, typed: \`variationKey\` is one of the flag's variation keys, \`variables\` has the flag's
 * variables with their types (empty with \`EXCLUDE_VARIABLES\`).
 *
 * @example
 * decide(client.createUserContext('user-42', { plan: 'pro' }), flags.checkoutRedesign).variables;
 */
export function decide<K extends FlagKey, D extends { variationKey: string | null; variables: object }>(
  user: DecideUser<D>,
  flag: FlagRef<K>,
  options?: readonly string[],
): TypedDecision<K, D> {
  return user.decide(keyOf(flag), options) as unknown as TypedDecision<K, D>;
}

/**
 * The Amplitude variant of one flag, typed; \`undefined\` when the flag serves no variation.
 *
 * @example
 * variant(client, { user_id: 'user-42' }, flags.pricingPage)?.key;
 */
export function variant<K extends FlagKey, U>(client: EvaluateClient<U>, user: U, flag: FlagRef<K>): TypedVariant<K> | undefined {
  const key = keyOf(flag);
  return client.evaluate(user, [key])[key] as TypedVariant<K> | undefined;
}

/**
 * The Amplitude variants of several flags, typed by key.
 *
 * @example
 * evaluate(client, { user_id: 'user-42' }, ['checkout-redesign', 'dark-mode'])['dark-mode']?.key;
 */
export function evaluate<K extends FlagKey, U>(client: EvaluateClient<U>, user: U, flagKeys: readonly FlagRef<K>[]): { [P in K]?: TypedVariant<P> } {
  return client.evaluate(user, flagKeys.map(keyOf)) as { [P in K]?: TypedVariant<P> };
}
`;
