// Checks a free-form JSON value (variation values, metadata, payloads, GrowthBook conditions): finite numbers,
// plain objects and arrays only, nesting at most `maxDepth`. Recursion is bounded by that limit, so no input can
// overflow the stack.
import type { Ctx } from './ctx.js';
import { describe, isObj } from './read.js';

/**
 * Checks `value` at the current path plus `a` (and `b`). Returns true when the value is valid JSON within the limits.
 * `visit` sees each object, with the path stack at that object (GrowthBook conditions use it to check operators
 * and patterns).
 */
export function checkJson(
  c: Ctx,
  value: unknown,
  a: string | number,
  b?: string | number,
  visit?: (o: Record<string, unknown>) => void,
): boolean {
  const t = typeof value;
  if (t === 'string' || t === 'boolean' || value === null) return true;
  if (t === 'number') {
    if (Number.isFinite(value)) return true;
    if (b === undefined) c.error(`must be a finite number, got ${String(value)}`, a);
    else c.error(`must be a finite number, got ${String(value)}`, a, b);
    return false;
  }
  c.stack.push(a);
  if (b !== undefined) c.stack.push(b);
  const good = walk(c, value, 0, visit);
  c.stack.pop();
  if (b !== undefined) c.stack.pop();
  return good;
}

function walk(c: Ctx, value: unknown, depth: number, visit?: (o: Record<string, unknown>) => void): boolean {
  const t = typeof value;
  if (t === 'string' || t === 'boolean' || value === null) return true;
  if (t === 'number') {
    if (Number.isFinite(value)) return true;
    c.error(`must be a finite number, got ${String(value)}`);
    return false;
  }
  if (depth >= c.limits.maxDepth) {
    c.error(`is nested deeper than ${c.limits.maxDepth} levels (maxDepth)`);
    return false;
  }
  let good = true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'string' || typeof item === 'boolean' || item === null) continue;
      c.stack.push(i);
      if (item === undefined) {
        c.error('undefined is not a JSON value');
        good = false;
      } else if (!walk(c, item, depth + 1, visit)) good = false;
      c.stack.pop();
    }
    return good;
  }
  if (!isObj(c, value)) {
    c.error(
      typeof value === 'object'
        ? 'must be a plain JSON object (its prototype is not Object.prototype)'
        : `${describe(value)} is not a JSON value`,
    );
    return false;
  }
  if (visit !== undefined) visit(value);
  for (const key in value) {
    const item = value[key];
    if (item === undefined || typeof item === 'string' || typeof item === 'boolean' || item === null) continue;
    c.stack.push(key);
    if (!walk(c, item, depth + 1, visit)) good = false;
    c.stack.pop();
  }
  return good;
}
