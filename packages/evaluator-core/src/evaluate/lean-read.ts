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

// Whether the value a read answered last may not be the context's own (a module slot, written only then: the common
// answer stores nothing).
let unsure = false;

// One function per site: V8 inlines only the sites a process reads (a call never made has no feedback), so the code
// of an evaluation holds the reads of its own attribute names, not all eight. `Object.getPrototypeOf` and
// `Object.prototype` are written out: optimized code folds these globals into constants, while a module constant
// (a `var` once bundled) is loaded and checked on every read.
function read0(context: Record<string, unknown>, name: string): unknown {
  const value = context[name];
  if (Object.getPrototypeOf(context) !== Object.prototype || name in Object.prototype) unsure = true;
  return value;
}
function read1(context: Record<string, unknown>, name: string): unknown {
  const value = context[name];
  if (Object.getPrototypeOf(context) !== Object.prototype || name in Object.prototype) unsure = true;
  return value;
}
function read2(context: Record<string, unknown>, name: string): unknown {
  const value = context[name];
  if (Object.getPrototypeOf(context) !== Object.prototype || name in Object.prototype) unsure = true;
  return value;
}
function read3(context: Record<string, unknown>, name: string): unknown {
  const value = context[name];
  if (Object.getPrototypeOf(context) !== Object.prototype || name in Object.prototype) unsure = true;
  return value;
}
function read4(context: Record<string, unknown>, name: string): unknown {
  const value = context[name];
  if (Object.getPrototypeOf(context) !== Object.prototype || name in Object.prototype) unsure = true;
  return value;
}
function read5(context: Record<string, unknown>, name: string): unknown {
  const value = context[name];
  if (Object.getPrototypeOf(context) !== Object.prototype || name in Object.prototype) unsure = true;
  return value;
}
function read6(context: Record<string, unknown>, name: string): unknown {
  const value = context[name];
  if (Object.getPrototypeOf(context) !== Object.prototype || name in Object.prototype) unsure = true;
  return value;
}
function read7(context: Record<string, unknown>, name: string): unknown {
  const value = context[name];
  if (Object.getPrototypeOf(context) !== Object.prototype || name in Object.prototype) unsure = true;
  return value;
}

/**
 * Reads `context[name]` at the site `site` (0 to LEAN_READ_SITES - 1, or -1 for the shared site). The value is the
 * context's own one (or `undefined` for a missing attribute) unless {@link takeUnsure}, asked right after, says true:
 * sure for a plain object over an `Object.prototype` without that name; unsure otherwise (another prototype, a
 * polluted `Object.prototype`, the shared site), and the caller then asks `hasOwnProperty` when the answer depends on
 * it. Throws what a getter throws (then nothing is recorded).
 */
export function readAt(site: number, context: Record<string, unknown>, name: string): unknown {
  switch (site) {
    case 0:
      return read0(context, name);
    case 1:
      return read1(context, name);
    case 2:
      return read2(context, name);
    case 3:
      return read3(context, name);
    case 4:
      return read4(context, name);
    case 5:
      return read5(context, name);
    case 6:
      return read6(context, name);
    case 7:
      return read7(context, name);
    default: {
      const value = context[name];
      unsure = true;
      return value;
    }
  }
}

/** Whether the value the last {@link readAt} answered may not be the context's own (and clears the record). */
export function takeUnsure(): boolean {
  if (unsure === false) return false;
  unsure = false;
  return true;
}
