import { attributeReferenceFromComponents, type AttributeReference } from './attribute-reference.js';
import { isValidKind } from './kind.js';

/**
 * Maps an Amplitude Experiment selector onto a context kind and an attribute reference, for contexts made by
 * {@link amplitudeUserToContext}:
 * - `['context', 'user', ...path]` → kind `user`, reference `/path...`;
 * - `['context', 'groups', type, ...path]` → kind `type`, reference `/path...`.
 *
 * `undefined` for anything else: other roots (`['result', flagKey, 'key']` reads flag results, not the context), a
 * selector that stops at the user or group object itself, an invalid group type, a non-string or empty element.
 *
 * @param selector - the Amplitude selector.
 * @example
 * amplitudeSelectorToReference(['context', 'user', 'user_properties', 'plan']);
 * // { kind: 'user', ref: <'/user_properties/plan'> }
 * amplitudeSelectorToReference(['context', 'groups', 'org', 'group_name']);
 * // { kind: 'org', ref: <'/group_name'> }
 */
export function amplitudeSelectorToReference(
  selector: readonly string[],
): { kind: string; ref: AttributeReference } | undefined {
  if (!Array.isArray(selector) || selector[0] !== 'context') return undefined;
  if (selector.some((element) => typeof element !== 'string' || element === '')) return undefined;
  let kind: string;
  let path: readonly string[];
  if (selector[1] === 'user') {
    kind = 'user';
    path = selector.slice(2);
  } else if (selector[1] === 'groups') {
    kind = selector[2] as string;
    if (!isValidKind(kind) || kind === 'user') return undefined;
    path = selector.slice(3);
  } else {
    return undefined;
  }
  if (path.length === 0) return undefined;
  const ref = attributeReferenceFromComponents(path);
  return ref.valid ? { kind, ref } : undefined;
}
