// Optimizely and Amplitude allow any attribute name, the context's built-ins included (`key`, `kind`, `name`,
// `anonymous`, `_meta`). Converting such a user into a context keeps those attributes under an escaped name (a `~`
// prefix, also given to names that start with `~`, so the mapping is one to one), and conditions of those vendors'
// semantics read the escaped name: a condition on `name` reads the user's own `name` attribute, never the context's
// own field. LaunchDarkly and Ensign semantics are unchanged: there `key` and `name` are the context's.
import { escapeReferenceComponent } from './attribute-reference.js';
import { setOwn } from './own.js';

/** The prefix of an escaped vendor attribute name. */
export const VENDOR_ATTRIBUTE_PREFIX = '~';

/**
 * Whether a vendor attribute name must be escaped in a context: a built-in of contexts, or a name that starts with
 * the prefix.
 *
 * @example
 * isEscapedVendorName('name'); // true
 * isEscapedVendorName('plan'); // false
 */
export function isEscapedVendorName(name: string): boolean {
  switch (name) {
    case 'key':
    case 'kind':
    case 'name':
    case 'anonymous':
    case '_meta':
      return true;
    default:
      return name.charCodeAt(0) === 126; // '~'
  }
}

/**
 * The name under which a converted context keeps a vendor attribute (one to one: `name` → `~name`, `~x` → `~~x`).
 *
 * @example
 * vendorAttributeName('key'); // '~key'
 * vendorAttributeName('country'); // 'country'
 */
export function vendorAttributeName(name: string): string {
  return isEscapedVendorName(name) ? VENDOR_ATTRIBUTE_PREFIX + name : name;
}

/**
 * Stores one vendor attribute in a context under construction: under its escaped name when it needs one, and, for
 * `name` (a string) and `anonymous` (a boolean), also as the context's built-in, so that conditions of other
 * semantics keep reading them there.
 *
 * @example
 * const context = { kind: 'user', key: 'u' };
 * setVendorAttribute(context, 'name', 'Ada'); // context: { kind: 'user', key: 'u', '~name': 'Ada', name: 'Ada' }
 */
export function setVendorAttribute(context: Record<string, unknown>, name: string, value: unknown): void {
  if (!isEscapedVendorName(name)) {
    setOwn(context, name, value);
    return;
  }
  setOwn(context, VENDOR_ATTRIBUTE_PREFIX + name, value);
  if ((name === 'name' && typeof value === 'string') || (name === 'anonymous' && typeof value === 'boolean')) context[name] = value;
}

function unescapeComponent(component: string): string {
  return component.includes('~') ? component.replace(/~1/g, '/').replace(/~0/g, '~') : component;
}

/**
 * The attribute reference a condition of Optimizely or Amplitude semantics reads: its top-level name escaped as
 * {@link vendorAttributeName} does (a literal name, or the first component of a `/` path).
 *
 * @example
 * vendorAttributeReference('name'); // '~name'
 * vendorAttributeReference('/_meta/x'); // '/~0_meta/x' (the path of `~_meta`, then `x`)
 * vendorAttributeReference('/user_properties/plan'); // '/user_properties/plan'
 */
export function vendorAttributeReference(ref: string): string {
  if (typeof ref !== 'string' || ref === '') return ref;
  if (ref[0] !== '/') return vendorAttributeName(ref);
  const cut = ref.indexOf('/', 1);
  const first = unescapeComponent(cut < 0 ? ref.slice(1) : ref.slice(1, cut));
  if (first === '' || !isEscapedVendorName(first)) return ref;
  return `/${escapeReferenceComponent(VENDOR_ATTRIBUTE_PREFIX + first)}${cut < 0 ? '' : ref.slice(cut)}`;
}
