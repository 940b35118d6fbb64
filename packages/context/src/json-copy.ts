import { escapeReferenceComponent } from './attribute-reference.js';
import { setOwn } from './own.js';
import type { JsonValue } from './types.js';

/**
 * Limits {@link validateContext} enforces on a context: `maxDepth` nested objects and arrays (so serializing a
 * context can never overflow the stack), and `maxValues` values in all (so a small object sharing references
 * cannot expand into billions of values).
 *
 * @example
 * CONTEXT_LIMITS.maxDepth; // 100
 */
export const CONTEXT_LIMITS = Object.freeze({ maxDepth: 100, maxValues: 100_000 } as const);

/** {@link CONTEXT_LIMITS} with `keepNonJson` (see {@link copyJson}). Internal. */
export const KEEP_NON_JSON = Object.freeze({ ...CONTEXT_LIMITS, keepNonJson: true } as const);

/** The result of {@link copyJson}. */
export type JsonCopy = { ok: true; value: JsonValue | undefined } | { ok: false; error: string };

interface PathNode {
  readonly name: string;
  readonly parent: PathNode | null;
}

interface VisitFrame {
  readonly exit: false;
  readonly source: unknown;
  readonly key: string | number;
  readonly target: Record<string, unknown> | unknown[];
  readonly inArray: boolean;
  readonly depth: number;
  readonly path: PathNode | null;
}

interface ExitFrame {
  readonly exit: true;
  readonly container: object;
}

function describePath(path: PathNode | null): string {
  const names: string[] = [];
  for (let node = path; node !== null; node = node.parent) names.push(node.name);
  if (names.length === 0) return 'the context';
  return `"/${names.reverse().map(escapeReferenceComponent).join('/')}"`;
}

function message(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unknown error';
  }
}

function isPlainPrototype(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  // null-prototype objects, and Object.prototype of this or another realm (whose own prototype is null).
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Copies a value into fresh plain JSON (objects, arrays, strings, finite numbers, booleans, null), iteratively so
 * that deep input cannot overflow the stack. Properties holding `undefined` are left out, as `JSON.stringify` does;
 * everything else that is not JSON is an error naming its path: functions, symbols, `BigInt`, `NaN`/`Infinity`,
 * `undefined` array elements, class instances (`Date`, `Map`...), cycles, more than `maxDepth` levels, more than
 * `maxValues` values, and getters or proxies that throw. Keys such as `__proto__` are copied as plain data.
 * Never throws.
 *
 * With `keepNonJson`, a value that is not JSON below the top level is kept as it is instead (a `Date`, `NaN`, a
 * function, a BigInt, a symbol, an `undefined` array element, a class instance, an object met again inside itself),
 * not copied and not walked into: what LaunchDarkly's SDK does with such values (it reads them where they are). The
 * limits, getters that throw and a top level that is not JSON are still errors.
 *
 * @example
 * copyJson({ a: [1, 'x'], b: undefined }); // { ok: true, value: { a: [1, 'x'] } }
 * copyJson({ at: new Date(0) }, { ...CONTEXT_LIMITS, keepNonJson: true }); // { ok: true, value: { at: <the same Date> } }
 */
export function copyJson(input: unknown, limits: { maxDepth: number; maxValues: number; keepNonJson?: boolean } = CONTEXT_LIMITS): JsonCopy {
  const keep = limits.keepNonJson === true;
  const holder: Record<string, unknown> = {};
  const stack: (VisitFrame | ExitFrame)[] = [
    { exit: false, source: { value: input }, key: 'value', target: holder, inArray: false, depth: 0, path: null },
  ];
  const ancestors = new Set<object>();
  let count = 0;
  let frame: VisitFrame | undefined;
  try {
    while (stack.length > 0) {
      const next = stack.pop() as VisitFrame | ExitFrame;
      if (next.exit) {
        ancestors.delete(next.container);
        continue;
      }
      frame = next;
      const { source, key, target, depth, path } = next;
      let value: unknown;
      try {
        value = (source as Record<string | number, unknown>)[key];
      } catch (error) {
        return { ok: false, error: `${describePath(path)}: reading it threw (${message(error)})` };
      }
      count += 1;
      if (count > limits.maxValues) {
        return { ok: false, error: `the context holds more than ${limits.maxValues} values` };
      }
      if (keep && path !== null && !isJsonNode(value, ancestors)) {
        if (value !== undefined || next.inArray) setOwn(target, String(key), value);
        continue;
      }
      switch (typeof value) {
        case 'string':
        case 'boolean':
          setOwn(target, String(key), value);
          continue;
        case 'number':
          if (!Number.isFinite(value)) {
            return { ok: false, error: `${describePath(path)}: ${String(value)} is not a JSON number` };
          }
          setOwn(target, String(key), value);
          continue;
        case 'undefined':
          if (next.inArray) return { ok: false, error: `${describePath(path)}: undefined is not a JSON value` };
          continue; // an absent property, as in JSON.stringify
        case 'bigint':
          return { ok: false, error: `${describePath(path)}: BigInt values are not JSON (convert to a number or string)` };
        case 'symbol':
          return { ok: false, error: `${describePath(path)}: symbols are not JSON values` };
        case 'function':
          return { ok: false, error: `${describePath(path)}: functions are not JSON values` };
        default:
          break;
      }
      if (value === null) {
        setOwn(target, String(key), null);
        continue;
      }
      const object = value as object;
      if (depth + 1 > limits.maxDepth) {
        return { ok: false, error: `${describePath(path)}: nested more than ${limits.maxDepth} levels deep` };
      }
      if (ancestors.has(object)) {
        return { ok: false, error: `${describePath(path)}: the value contains itself (a cycle)` };
      }
      if (Array.isArray(object)) {
        const length = object.length;
        if (count + length > limits.maxValues) {
          return { ok: false, error: `the context holds more than ${limits.maxValues} values` };
        }
        const copy: unknown[] = new Array<unknown>(length);
        setOwn(target, String(key), copy);
        ancestors.add(object);
        stack.push({ exit: true, container: object });
        for (let i = length - 1; i >= 0; i -= 1) {
          const childPath = { name: String(i), parent: path };
          stack.push({ exit: false, source: object, key: i, target: copy, inArray: true, depth: depth + 1, path: childPath });
        }
        continue;
      }
      if (!isPlainPrototype(object)) {
        const tag = Object.prototype.toString.call(object);
        return { ok: false, error: `${describePath(path)}: ${tag} is not a plain JSON object` };
      }
      const keys = Object.keys(object);
      if (count + keys.length > limits.maxValues) {
        return { ok: false, error: `the context holds more than ${limits.maxValues} values` };
      }
      const copy: Record<string, unknown> = {};
      setOwn(target, String(key), copy);
      ancestors.add(object);
      stack.push({ exit: true, container: object });
      for (let i = keys.length - 1; i >= 0; i -= 1) {
        const name = keys[i] as string;
        const childPath = { name, parent: path };
        stack.push({ exit: false, source: object, key: name, target: copy, inArray: false, depth: depth + 1, path: childPath });
      }
    }
  } catch (error) {
    // A proxy trap (ownKeys, getPrototypeOf...) threw.
    return { ok: false, error: `${describePath(frame?.path ?? null)}: inspecting it threw (${message(error)})` };
  }
  return { ok: true, value: holder['value'] as JsonValue | undefined };
}

/** Whether `value` is copied as JSON (a primitive JSON value, or a plain object or array not met inside itself). */
function isJsonNode(value: unknown, ancestors: ReadonlySet<object>): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      return value === null || (!ancestors.has(value) && (Array.isArray(value) || isPlainPrototype(value)));
    default:
      return false;
  }
}

// Marks a value the fast copy below does not handle; copyJson then decides, with its full checks.
const SLOW = Symbol('slow');
type Budget = { left: number };

function fastCopyItem(value: unknown, depth: number, budget: Budget): JsonValue | undefined | typeof SLOW {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : SLOW;
    case 'undefined':
      return undefined;
    case 'object':
      return value === null ? null : fastCopyObject(value, depth + 1, budget);
    default:
      return SLOW;
  }
}

// Recursive, but only to CONTEXT_LIMITS.maxDepth levels: a deeper value (or a cycle, which looks infinitely deep)
// goes to copyJson, which is iterative.
function fastCopyObject(value: object, depth: number, budget: Budget): JsonValue | typeof SLOW {
  if (depth > CONTEXT_LIMITS.maxDepth) return SLOW;
  if (Array.isArray(value)) {
    const length = value.length;
    budget.left -= length;
    if (budget.left < 0) return SLOW;
    const out: JsonValue[] = [];
    for (let i = 0; i < length; i += 1) {
      const item = fastCopyItem(value[i], depth, budget);
      if (item === SLOW || item === undefined) return SLOW; // an undefined element is not JSON: copyJson says so
      out.push(item);
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return SLOW;
  const names = Object.keys(value);
  budget.left -= names.length;
  if (budget.left < 0) return SLOW;
  const out: Record<string, JsonValue> = {};
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i] as string;
    const item = fastCopyItem((value as Record<string, unknown>)[name], depth, budget);
    if (item === SLOW) return SLOW;
    if (item !== undefined) setOwn(out, name, item);
  }
  return out;
}

/**
 * A fresh JSON copy of a value, or `undefined` when the value is absent or not JSON (see {@link copyJson}, whose
 * rules it follows). Plain JSON, the case of validated contexts, takes a fast recursive path bounded by
 * `CONTEXT_LIMITS`; anything else (class instances, cycles, getters that throw, proxies, more than the limits) is
 * handed to {@link copyJson}. Never throws.
 *
 * @example
 * copyJsonValue({ a: [1, 'x'], b: undefined }); // { a: [1, 'x'] }
 * copyJsonValue(NaN);                           // undefined
 */
export function copyJsonValue(value: unknown): JsonValue | undefined {
  if (typeof value !== 'object' || value === null) {
    const item = fastCopyItem(value, 0, { left: 0 });
    return item === SLOW ? undefined : item;
  }
  try {
    const copy = fastCopyObject(value, 1, { left: CONTEXT_LIMITS.maxValues - 1 });
    if (copy !== SLOW) return copy;
  } catch {
    // A getter or a proxy trap threw: copyJson reports it as an error.
  }
  const slow = copyJson(value);
  return slow.ok ? slow.value : undefined;
}
