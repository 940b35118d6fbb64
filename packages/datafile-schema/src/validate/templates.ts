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

/**
 * The flags of one template that set the same own fields, in the same order: their skeleton holds those fields
 * (`undefined`) then the template's others, so that expanding a flag is one clone of it (V8 copies the whole
 * object at once, and every flag of the shape gets the same hidden class) plus a store per own field.
 */
interface Shape {
  skeleton: Obj | null;
  /** Whether every own field is a per-flag field (TEMPLATE_OWN_FIELDS). */
  own: boolean;
  next: Map<string, Shape> | null;
}

/** A template as the flags naming it use it: why it cannot be used (or null), and its shapes by own fields. */
export interface TemplateUse {
  readonly template: Obj;
  readonly problem: string | null;
  readonly root: Shape;
  /** Whether its fields checked clean for its first flag (see `checkFlag`); undefined until then. */
  verdict: boolean | undefined;
}

const newShape = (own: boolean): Shape => ({ skeleton: null, own, next: null });

/** The flag's own fields (but `template`) then the template's fields it does not set; `own`: only per-flag fields. */
function expand(flag: Obj, use: TemplateUse): { flag: Obj; own: boolean } {
  let shape = use.root;
  for (const key in flag) {
    if (key === TEMPLATE_FIELD) continue;
    const next = (shape.next ??= new Map<string, Shape>());
    let child = next.get(key);
    if (child === undefined) next.set(key, (child = newShape(shape.own && TEMPLATE_OWN_FIELDS.has(key))));
    shape = child;
  }
  let skeleton = shape.skeleton;
  if (skeleton === null) {
    skeleton = {};
    for (const key in flag) if (key !== TEMPLATE_FIELD) put(skeleton, key, undefined);
    const template = use.template;
    for (const key in template) if (!Object.prototype.hasOwnProperty.call(skeleton, key)) put(skeleton, key, template[key]);
    shape.skeleton = skeleton;
  }
  // Spread defines properties: a "__proto__" field of the skeleton stays data.
  const out: Obj = { ...skeleton };
  for (const key in flag) if (key !== TEMPLATE_FIELD) put(out, key, flag[key]);
  return { flag: out, own: shape.own };
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
  const templated: (TemplateUse | undefined)[] = new Array<TemplateUse | undefined>(flags.length);
  const uses = new Map<string, TemplateUse>();
  const NONE: Obj = {};
  c.stack.push('flags');
  for (let i = 0; i < flags.length; i++) {
    const flag: unknown = flags[i];
    const name = isObj(c, flag) ? flag[TEMPLATE_FIELD] : undefined;
    if (name === undefined) {
      expanded[i] = flag;
      continue;
    }
    let use: TemplateUse | undefined;
    if (typeof name === 'string') {
      use = uses.get(name);
      if (use === undefined) {
        const template: unknown = Object.prototype.hasOwnProperty.call(templates, name) ? templates[name] : undefined;
        const problem = templateProblem(c, name, template);
        use = { template: problem === null ? (template as Obj) : NONE, problem, root: newShape(true), verdict: undefined };
        uses.set(name, use);
      }
    } else {
      use = { template: NONE, problem: `must be a template name, got ${describe(name)}`, root: newShape(true), verdict: undefined };
    }
    const result = expand(flag as Obj, use);
    if (use.problem !== null) {
      c.stack.push(i);
      c.error(use.problem, TEMPLATE_FIELD);
      c.stack.pop();
    } else if (result.own) templated[i] = use;
    expanded[i] = result.flag;
  }
  c.stack.pop();
  out.flags = expanded;
  c.templated = templated;
  return out;
}
