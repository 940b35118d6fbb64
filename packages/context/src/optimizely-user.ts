import type { SingleKindContext } from './types.js';
import { setVendorAttribute } from './vendor-attributes.js';

/**
 * Converts an Optimizely user (`createUserContext(userId, attributes)`) into a `user` context: the key is `userId`
 * and each attribute becomes a top-level attribute under its literal name, so Optimizely audience conditions keep
 * reading them by name. `$opt_bucketing_id` and the other `$opt_*` attributes are kept as they are, addressable by
 * their literal names (`getAttribute(context, '$opt_bucketing_id')`).
 *
 * Lossless: attributes named as a context built-in (`kind`, `key`, `name`, `anonymous`, `_meta`), or starting with
 * `~`, are kept under a `~`-prefixed name ({@link vendorAttributeName}), where conditions of Optimizely semantics read
 * them; a string `name` and a boolean `anonymous` are also set as the context's own. Pure; does not validate.
 *
 * @param userId - the Optimizely user id.
 * @param attributes - the Optimizely attributes. Default none.
 * @example
 * optimizelyUserToContext('user-42', { plan: 'pro', $opt_bucketing_id: 'household-7' });
 * // { kind: 'user', key: 'user-42', plan: 'pro', $opt_bucketing_id: 'household-7' }
 * optimizelyUserToContext('user-42', { key: 7 }); // { kind: 'user', key: 'user-42', '~key': 7 }
 */
export function optimizelyUserToContext(userId: string, attributes?: Record<string, unknown>): SingleKindContext {
  const context: Record<string, unknown> = { kind: 'user', key: userId };
  if (attributes !== undefined && attributes !== null) {
    for (const name of Object.keys(attributes)) {
      setVendorAttribute(context, name, attributes[name]);
    }
  }
  return context as SingleKindContext;
}
