// Flag templates, the compact encoding of a datafile: a top-level `flagTemplates` object of partial flags, and flags
// that name one in `template` and inherit every field they do not set themselves. Expanded before validation into a
// plain version-1 document (the expanded flags share the template's values), so everything past this step sees
// ordinary flags. A flag that sets only per-flag fields (TEMPLATE_OWN_FIELDS) is recorded in `c.templated`, and its
// template is then checked once for all of them (see `checkFlag`).
import type { Ctx } from './ctx.js';
import type { Obj } from './read.js';
import { describe, isObj } from './read.js';

/** The top-level field holding the templates. */
export const TEMPLATES_FIELD = 'flagTemplates';
/** The flag field naming its template. */
export const TEMPLATE_FIELD = 'template';
/** Fields a template may not set: they identify one flag. */
const IDENTITY_FIELDS: ReadonlySet<string> = new Set(['key', 'id', TEMPLATE_FIELD]);
/**
 * Fields a templated flag may set without invalidating the template's shared check: none of the template's fields
 * is checked against them.
 */
export const TEMPLATE_OWN_FIELDS: ReadonlySet<string> = new Set(['key', 'id', 'name', 'description', 'salt', 'version', 'tags', TEMPLATE_FIELD]);

/** Sets a field as data (a `__proto__` key stays a property, never a prototype). */
function put(out: Obj, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** The flag's own fields (but `template`) then the template's fields it does not set; `own` is whether it set only per-flag fields. */
function expand(flag: Obj, template: Obj): { flag: Obj; own: boolean } {
  const out: Obj = {};
  let own = true;
  for (const key in flag) {
    if (key === TEMPLATE_FIELD) continue;
    if (!TEMPLATE_OWN_FIELDS.has(key)) own = false;
    put(out, key, flag[key]);
  }
  for (const key in template) if (!Object.prototype.hasOwnProperty.call(out, key)) put(out, key, template[key]);
  return { flag: out, own };
}

/** Why a template cannot be used, or null. */
function templateProblem(c: Ctx, name: string, template: unknown): string | null {
  const q = JSON.stringify(name);
  if (template === undefined) return `unknown template ${q} (not in "${TEMPLATES_FIELD}")`;
  if (!isObj(c, template)) return `template ${q} must be an object, got ${describe(template)}`;
  for (const key in template) if (IDENTITY_FIELDS.has(key)) return `template ${q} sets "${key}", which only a flag may set`;
  return null;
}

/**
 * The document with its flags expanded from their templates and without `flagTemplates`, or `value` itself when it
 * uses none. A flag naming an unusable template gets an error at `flags[i].template` (so it is quarantined) and keeps
 * only its own fields. `flagTemplates` that is not an object is a document error.
 */
export function expandTemplates(c: Ctx, value: unknown): unknown {
  if (!isObj(c, value) || value[TEMPLATES_FIELD] === undefined) return value;
  const templates = value[TEMPLATES_FIELD];
  const out: Obj = {};
  for (const key in value) if (key !== TEMPLATES_FIELD) put(out, key, value[key]);
  if (!isObj(c, templates)) {
    c.error(`must be an object of templates by name, got ${describe(templates)}`, TEMPLATES_FIELD);
    return out;
  }
  const flags = value.flags;
  if (!Array.isArray(flags)) return out;
  const expanded: unknown[] = new Array<unknown>(flags.length);
  const templated = new Map<object, object>();
  const checked = new Map<string, string | null>();
  c.stack.push('flags');
  for (let i = 0; i < flags.length; i++) {
    const flag: unknown = flags[i];
    const name = isObj(c, flag) ? flag[TEMPLATE_FIELD] : undefined;
    if (name === undefined) {
      expanded[i] = flag;
      continue;
    }
    const f = flag as Obj;
    const template = typeof name === 'string' && Object.prototype.hasOwnProperty.call(templates, name) ? templates[name] : undefined;
    let problem: string | null;
    if (typeof name !== 'string') problem = `must be a template name, got ${describe(name)}`;
    else {
      let known = checked.get(name);
      if (known === undefined) checked.set(name, (known = templateProblem(c, name, template)));
      problem = known;
    }
    const result = expand(f, problem === null ? (template as Obj) : {});
    if (problem !== null) {
      c.stack.push(i);
      c.error(problem, TEMPLATE_FIELD);
      c.stack.pop();
    } else if (result.own) templated.set(result.flag, template as object);
    expanded[i] = result.flag;
  }
  c.stack.pop();
  out.flags = expanded;
  c.templated = templated;
  return out;
}
