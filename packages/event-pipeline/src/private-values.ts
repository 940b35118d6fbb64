// Ids derived from private values. Redaction removes private attributes from a context, but the same value can
// travel under another name: the Amplitude face passes `device_id` again as `deviceId` (and it is hashed into
// `insertId`), and a context can be keyed by the value of one of its own private attributes (an Amplitude user
// with only a device id is keyed by it). This finds the private values of a context so an event can leave them out.
import { escapeReferenceComponent, parseAttributeReference } from '@ensign/context';
import type { Context } from '@ensign/context';
import type { RedactedContext } from './events.js';

/** The private string values of a context, found after its redaction. */
export interface PrivateValues {
  /** Values under attributes named private (the global `privateAttributes` or the context's `_meta.privateAttributes`). */
  explicit: Set<string>;
  /** Values under every attribute the redaction removed (also by `allAttributesPrivate` or as anonymous). */
  removed: Set<string>;
  /** The keys of the context's kinds: public by the context model, and carried by the event anyway. */
  keys: Set<string>;
}

/** Thrown by the event factory when an event could only be built with a private id; the pipeline counts a drop. */
export class PrivateIdentityError extends Error {
  constructor() {
    super('the event would carry a private id');
    this.name = 'PrivateIdentityError';
  }
}

const hasOwn = Object.prototype.hasOwnProperty;
const MAX_STRINGS = 1_000;

/** Whether the redaction removed anything (one property read for a single-kind context). */
export function hasRedactions(redacted: RedactedContext): boolean {
  const r = redacted as Record<string, unknown>;
  if (r['kind'] !== 'multi') return removedOf(r).length > 0;
  for (const kind in r) {
    if (kind !== 'kind' && hasOwn.call(r, kind) && removedOf(r[kind]).length > 0) return true;
  }
  return false;
}

/**
 * The private values of `context` given its redacted form, or null when nothing was redacted. `globalRefs` are the
 * pipeline's `privateAttributes`. Walks only what was removed; bounded to 1 000 strings.
 */
export function findPrivateValues(context: Context, redacted: RedactedContext, globalRefs: readonly string[]): PrivateValues | null {
  if (!hasRedactions(redacted)) return null;
  const found: PrivateValues = { explicit: new Set(), removed: new Set(), keys: new Set() };
  const raw = context as unknown as Record<string, unknown>;
  const red = redacted as Record<string, unknown>;
  const parts: [Record<string, unknown>, unknown][] = [];
  if (raw['kind'] === 'multi') {
    for (const kind of Object.keys(raw)) {
      const part = raw[kind];
      if (kind === 'kind' || typeof part !== 'object' || part === null) continue;
      // A multi-kind context of one kind is collapsed to a single-kind one by the redaction.
      parts.push([part as Record<string, unknown>, red['kind'] === 'multi' ? red[kind] : red]);
    }
  } else {
    parts.push([raw, red]);
  }
  for (const [part, redactedPart] of parts) {
    if (typeof part['key'] === 'string') found.keys.add(part['key']);
    const removed = removedOf(redactedPart);
    if (removed.length === 0) continue;
    const removedSet = new Set(removed.map(normalize));
    const meta = part['_meta'] as { privateAttributes?: unknown } | undefined;
    const own = Array.isArray(meta?.privateAttributes) ? (meta.privateAttributes as unknown[]) : [];
    for (const ref of removed) collect(resolve(part, ref), found.removed);
    for (const ref of [...globalRefs, ...own]) {
      if (typeof ref === 'string' && removedSet.has(normalize(ref))) collect(resolve(part, ref), found.explicit);
    }
  }
  return found;
}

/** Whether an id must stay in the process: named private, or removed by redaction and not a (public) key. */
export function isPrivateId(id: string | null, values: PrivateValues | null): boolean {
  if (id === null || values === null) return false;
  return values.explicit.has(id) || (values.removed.has(id) && !values.keys.has(id));
}

/** Whether a key of the context is the value of an attribute named private: the key would carry it out. */
export function hasPrivateKey(values: PrivateValues | null): boolean {
  if (values === null) return false;
  for (const key of values.keys) if (values.explicit.has(key)) return true;
  return false;
}

function removedOf(part: unknown): readonly string[] {
  if (typeof part !== 'object' || part === null) return [];
  const meta = (part as Record<string, unknown>)['_meta'];
  if (typeof meta !== 'object' || meta === null) return [];
  const list = (meta as Record<string, unknown>)['redactedAttributes'];
  return Array.isArray(list) ? (list as string[]) : [];
}

// One spelling per reference: `email` and `/email` name the same attribute.
function normalize(ref: string): string {
  const parsed = parseAttributeReference(ref);
  return parsed.valid ? parsed.components.map(escapeReferenceComponent).join('/') : ref;
}

function resolve(part: Record<string, unknown>, ref: string): unknown {
  const parsed = parseAttributeReference(ref);
  if (!parsed.valid) return undefined;
  let current: unknown = part;
  for (const name of parsed.components) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !hasOwn.call(current, name)) return undefined;
    current = (current as Record<string, unknown>)[name];
  }
  return current;
}

// Every string under a value (the value itself, or inside an object or array), at most MAX_STRINGS of them.
function collect(value: unknown, into: Set<string>, depth = 0): void {
  if (into.size >= MAX_STRINGS || depth > 32) return;
  if (typeof value === 'string') {
    into.add(value);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const v of Array.isArray(value) ? value : Object.values(value)) collect(v, into, depth + 1);
}
