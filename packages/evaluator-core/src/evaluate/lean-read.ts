// Attribute reads of the lean evaluator (evaluate-lean.ts), one read site per attribute name.
//
// A property read whose name changes from call to call (`context[leaf.name]` over every leaf) is a megamorphic
// lookup in V8, and the own-property test around it (`hasOwnProperty`) a builtin call: ~200 instructions per
// attribute together (measured with callgrind). A read site that only ever sees one name is compiled into a check of
// the name, a check of the object's map and a field load. So each attribute name gets a site of its own here (see
// `LEAN_READ_SITES` in ../compile/compile-lean.ts), and the map the read has just checked also answers, at no cost,
// whether the value can only be the context's own: the object's prototype is `Object.prototype` (known from the map)
// and `Object.prototype` has no property of that name (known from its map: adding one, as a polluted prototype does,
// throws the compiled code away and the test is asked again).

const OBJECT_PROTOTYPE = Object.prototype;

// The value `readAt` read last (a module slot: no object allocated for two answers).
let read: unknown;

/**
 * Reads `context[name]` at the site `site` (0 to LEAN_READ_SITES - 1, or -1 for the shared site) and tells whether
 * the value read is the context's own one (or `undefined` for a missing attribute): true only for a plain object over
 * an `Object.prototype` without that name. False means unsure (another prototype, a polluted `Object.prototype`, the
 * shared site): the caller then asks `hasOwnProperty` when the answer depends on it. The value is taken with
 * {@link takeRead}. Throws what a getter throws.
 */
export function readAt(site: number, context: Record<string, unknown>, name: string): boolean {
  switch (site) {
    case 0:
      read = context[name];
      return Object.getPrototypeOf(context) === OBJECT_PROTOTYPE && !(name in OBJECT_PROTOTYPE);
    case 1:
      read = context[name];
      return Object.getPrototypeOf(context) === OBJECT_PROTOTYPE && !(name in OBJECT_PROTOTYPE);
    case 2:
      read = context[name];
      return Object.getPrototypeOf(context) === OBJECT_PROTOTYPE && !(name in OBJECT_PROTOTYPE);
    case 3:
      read = context[name];
      return Object.getPrototypeOf(context) === OBJECT_PROTOTYPE && !(name in OBJECT_PROTOTYPE);
    case 4:
      read = context[name];
      return Object.getPrototypeOf(context) === OBJECT_PROTOTYPE && !(name in OBJECT_PROTOTYPE);
    case 5:
      read = context[name];
      return Object.getPrototypeOf(context) === OBJECT_PROTOTYPE && !(name in OBJECT_PROTOTYPE);
    case 6:
      read = context[name];
      return Object.getPrototypeOf(context) === OBJECT_PROTOTYPE && !(name in OBJECT_PROTOTYPE);
    case 7:
      read = context[name];
      return Object.getPrototypeOf(context) === OBJECT_PROTOTYPE && !(name in OBJECT_PROTOTYPE);
    default:
      read = context[name];
      return false;
  }
}

/** The value the last {@link readAt} read (the slot is cleared, so that no context is kept alive). */
export function takeRead(): unknown {
  const value = read;
  read = undefined;
  return value;
}
