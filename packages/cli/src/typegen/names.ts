// Names in generated TypeScript: camelCase accessors, quoted keys, safe comments.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A string literal in TypeScript source (JSON quoting is valid TypeScript).
 *
 * @example
 * literal('checkout-redesign'); // '"checkout-redesign"'
 */
export function literal(text: string): string {
  return JSON.stringify(text);
}

/**
 * A property name in TypeScript source: bare when it is an identifier, quoted otherwise.
 *
 * @example
 * propertyName('max_items');  // 'max_items'
 * propertyName('max-items');  // '"max-items"'
 */
export function propertyName(name: string): string {
  return IDENTIFIER.test(name) ? name : literal(name);
}

/**
 * The camelCase name of a flag key: words split on anything that is not a letter or digit, a leading digit prefixed
 * with `flag`. `checkout-redesign` → `checkoutRedesign`, `search_v2` → `searchV2`, `2fa` → `flag2fa`.
 *
 * @example
 * camelName('checkout-redesign'); // 'checkoutRedesign'
 */
export function camelName(key: string): string {
  const words = key.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  if (words.length === 0) return 'flag';
  const name = words
    .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');
  return /^[0-9]/.test(name) ? `flag${name}` : name;
}

/**
 * camelCase names for a list of keys, unique: a name already taken gets `_2`, `_3`... in key order.
 *
 * @example
 * uniqueCamelNames(['dark-mode', 'dark_mode']); // ['darkMode', 'darkMode_2']
 */
export function uniqueCamelNames(keys: readonly string[]): string[] {
  const taken = new Set<string>();
  return keys.map((key) => {
    const base = camelName(key);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    return name;
  });
}

/**
 * Text safe inside a block comment, on one line: a comment terminator is escaped and whitespace runs become one
 * space.
 *
 * @example
 * commentText('Checkout\n  redesign'); // 'Checkout redesign'
 */
export function commentText(text: string): string {
  return text.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ').trim();
}
