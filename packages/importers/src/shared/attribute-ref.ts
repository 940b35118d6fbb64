// Vendor attribute names are literal names; the native datafile reads a string starting with `/` as a path, so such
// names are written as a one-component path (LaunchDarkly's escaping: `~` → `~0`, `/` → `~1`).

/**
 * The attribute reference that names exactly one literal attribute.
 *
 * @example
 * literalAttribute('country'); // 'country'
 * literalAttribute('/weird~name'); // '/~1weird~0name'
 */
export function literalAttribute(name: string): string {
  if (!name.startsWith('/')) return name;
  return `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
