/**
 * A parsed attribute reference: which attribute of a context (and which property inside a JSON object attribute)
 * a rule reads or a private-attribute list hides. Build one with {@link parseAttributeReference} or
 * {@link literalAttributeReference}; parse once and reuse it on hot paths.
 *
 * @example
 * const ref = parseAttributeReference('/address/city');
 * ref.components; // ['address', 'city']
 */
export interface AttributeReference {
  /** The text it was made from (the literal name for {@link literalAttributeReference}). */
  readonly raw: string;
  /** Whether it can address anything. Invalid references read nothing and redact nothing. */
  readonly valid: boolean;
  /** Why it is invalid; absent when valid. */
  readonly error?: string;
  /** The unescaped path: the top-level attribute name, then nested property names. Empty when invalid. */
  readonly components: readonly string[];
  /** The name listed in `_meta.redactedAttributes` when this reference redacts something. */
  readonly redactionName: string;
}

const NO_COMPONENTS: readonly string[] = Object.freeze([]);

function invalid(raw: string, error: string): AttributeReference {
  return Object.freeze({ raw, valid: false, error, components: NO_COMPONENTS, redactionName: raw });
}

function valid(raw: string, components: string[], redactionName: string): AttributeReference {
  if (components[0] === '_meta') return invalid(raw, '"_meta" is not an addressable attribute');
  return Object.freeze({ raw, valid: true, components: Object.freeze(components), redactionName });
}

/**
 * Escapes one path component for a slash reference: `~` becomes `~0` and `/` becomes `~1` (as in JSON Pointer).
 *
 * @example
 * '/' + escapeReferenceComponent('a/b~c'); // '/a~1b~0c'
 */
export function escapeReferenceComponent(component: string): string {
  return component.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Unescapes one component in a single pass, or returns undefined on a `~` not followed by `0` or `1`. */
function unescapeComponent(component: string): string | undefined {
  if (!component.includes('~')) return component;
  let out = '';
  for (let i = 0; i < component.length; i += 1) {
    const c = component[i];
    if (c !== '~') {
      out += c;
      continue;
    }
    const next = component[i + 1];
    if (next === '0') out += '~';
    else if (next === '1') out += '/';
    else return undefined;
    i += 1;
  }
  return out;
}

/**
 * Parses an attribute reference, following LaunchDarkly's rules:
 * - text not starting with `/` is one literal attribute name (it may contain `/` and `~`): `'a/b'` reads the
 *   attribute named `a/b`;
 * - text starting with `/` is a path of property names separated by `/`, in which `~1` stands for `/` and `~0` for
 *   `~`: `'/address/city'` reads `city` inside the `address` object.
 *
 * Invalid (never throws; `valid` is false and `error` says why): `''`, `'/'`, an empty component (`'//'`, `'/a//b'`,
 * a trailing `/`), a `~` not followed by `0` or `1` in a slash reference (`'/~2'`, `'/a~'`), and any reference whose
 * first component is `_meta`. (LaunchDarkly's JS SDK also rejects `//` and a trailing `~` in names without a
 * leading `/`; we follow its Go SDK, which reads those as literal names.)
 *
 * @param ref - the reference text.
 * @returns a frozen {@link AttributeReference}; its `redactionName` is `ref` itself.
 * @example
 * parseAttributeReference('/address/city').components; // ['address', 'city']
 * parseAttributeReference('/a~1b').components;         // ['a/b']
 * parseAttributeReference('a/b').components;           // ['a/b']
 * parseAttributeReference('//').valid;                 // false
 */
export function parseAttributeReference(ref: string): AttributeReference {
  if (typeof ref !== 'string' || ref === '') return invalid(String(ref), 'an attribute reference cannot be empty');
  if (ref[0] !== '/') return valid(ref, [ref], ref);
  if (ref === '/') return invalid(ref, 'an attribute reference cannot be "/" alone');
  const parts = ref.slice(1).split('/');
  const components: string[] = [];
  for (const part of parts) {
    if (part === '') return invalid(ref, `"${ref}" has an empty path component ("//" or a trailing "/")`);
    const component = unescapeComponent(part);
    if (component === undefined) return invalid(ref, `"${ref}" has a "~" not followed by "0" or "1"`);
    components.push(component);
  }
  return valid(ref, components, ref);
}

/**
 * Makes a reference to a top-level attribute by its literal name, even one starting with `/` (as legacy clause
 * attributes and legacy `privateAttributeNames` are). Its `redactionName` escapes such a name the way LaunchDarkly
 * does: the literal `/why` is reported as `/~1why`. Invalid only for `''` and `_meta`.
 *
 * @param name - the attribute name, used as is.
 * @example
 * literalAttributeReference('/why').components;    // ['/why']
 * literalAttributeReference('/why').redactionName; // '/~1why'
 */
export function literalAttributeReference(name: string): AttributeReference {
  if (typeof name !== 'string' || name === '') return invalid(String(name), 'an attribute name cannot be empty');
  const redactionName = name[0] === '/' ? `/${escapeReferenceComponent(name)}` : name;
  return valid(name, [name], redactionName);
}

/**
 * Makes a reference from an already split path, escaping each component. `raw` and `redactionName` are the
 * slash form, so the result parses back to the same components.
 *
 * @param components - the top-level attribute name, then nested property names; none may be empty.
 * @example
 * attributeReferenceFromComponents(['user_properties', 'plan']).raw; // '/user_properties/plan'
 */
export function attributeReferenceFromComponents(components: readonly string[]): AttributeReference {
  if (components.length === 0) return invalid('', 'an attribute reference needs at least one component');
  const raw = `/${components.map(escapeReferenceComponent).join('/')}`;
  if (components.some((c) => typeof c !== 'string' || c === '')) {
    return invalid(raw, `"${raw}" has an empty path component`);
  }
  return valid(raw, [...components], raw);
}

/**
 * Turns a reference given as text into a parsed one; passes a parsed one through.
 *
 * @example
 * toAttributeReference('email').components; // ['email']
 */
export function toAttributeReference(ref: string | AttributeReference): AttributeReference {
  return typeof ref === 'string' ? parseAttributeReference(ref) : ref;
}
