import { setOwn } from './own.js';
import type { SingleKindContext } from './types.js';

// Names that would overwrite what makes a context a context.
const RESERVED = new Set(['kind', 'key', '_meta']);

/**
 * Converts an Optimizely user (`createUserContext(userId, attributes)`) into a `user` context: the key is `userId`
 * and each attribute becomes a top-level attribute under its literal name, so Optimizely audience conditions keep
 * reading them by name. `$opt_bucketing_id` and the other `$opt_*` attributes are kept as they are, addressable by
 * their literal names (`getAttribute(context, '$opt_bucketing_id')`).
 *
 * Attributes named `kind`, `key` or `_meta` cannot be represented and are left out. `name` and `anonymous` are
 * context built-ins: {@link validateContext} rejects a `name` that is not a string or an `anonymous` that is not a
 * boolean. Pure; does not validate.
 *
 * @param userId - the Optimizely user id.
 * @param attributes - the Optimizely attributes. Default none.
 * @example
 * optimizelyUserToContext('user-42', { plan: 'pro', $opt_bucketing_id: 'household-7' });
 * // { kind: 'user', key: 'user-42', plan: 'pro', $opt_bucketing_id: 'household-7' }
 */
export function optimizelyUserToContext(userId: string, attributes?: Record<string, unknown>): SingleKindContext {
  const context: Record<string, unknown> = { kind: 'user', key: userId };
  if (attributes !== undefined && attributes !== null) {
    for (const name of Object.keys(attributes)) {
      if (!RESERVED.has(name)) setOwn(context, name, attributes[name]);
    }
  }
  return context as SingleKindContext;
}
