// The snapshot of a context that has nothing to redact, taken when an index event is recorded. The redactor of
// @ensign/context (`redactContext`) returns a plain copy of a single-kind context whose attributes are all JSON
// primitives, that has no `_meta`, when no global private attribute applies and nothing is redacted wholesale
// (`allAttributesPrivate`, anonymous contexts under `redactAnonymousInAllEvents`): its fast path is that one object
// spread. The pipeline takes this path only when its options name nothing private (see `createEventPipeline`), so
// the copy here is exactly what the redactor would return, and the event built from it later carries what the same
// record call would have sent; every other context goes through the redactor. The copy is taken now, in the record
// call, so a caller that changes its context afterwards changes nothing that is sent.
import type { Context } from '@ensign/context';
import { wasLegacyUser } from '@ensign/context';
import type { RedactedContext } from './events.js';
import { numberLength } from './json-size.js';

/** The estimated JSON size of the last snapshot {@link snapshotFlatContext} returned (no object per call). */
export let snapshotSize = 0;

/**
 * A copy of `context` when it is a single-kind context without `_meta` whose every attribute is a string, a boolean,
 * a finite number or null; otherwise null (the caller redacts it). Sets {@link snapshotSize} to the copy's estimated
 * JSON size, as `estimateJsonBytes` counts it. Throws what a getter or Proxy of the context throws.
 *
 * @example
 * snapshotFlatContext({ kind: 'user', key: 'u-1', plan: 'pro' }); // { kind: 'user', key: 'u-1', plan: 'pro' }
 * snapshotFlatContext({ kind: 'user', key: 'u-1', address: { city: 'Oslo' } }); // null
 */
export function snapshotFlatContext(context: Context): RedactedContext | null {
  // A context converted from a legacy user sends its built-ins as text: the redactor does that.
  if (context.kind === 'multi' || wasLegacyUser(context)) return null;
  // Object spread defines own data properties (a `__proto__` name stays data): the redactor's own fast-path copy.
  const copy: Record<string, unknown> = { ...context };
  let size = 2;
  for (const name in copy) {
    const value = copy[name];
    let n: number;
    // `typeof` compared with constants compiles to type checks; a `switch` on it would build the type's name.
    if (typeof value === 'string') n = value.length + 2;
    else if (typeof value === 'boolean') n = value ? 4 : 5;
    else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return null;
      n = numberLength(value);
    } else if (value === null) n = 4;
    else return null;
    if (name === '_meta') return null;
    size += name.length + 4 + n;
  }
  snapshotSize = size;
  return copy as RedactedContext;
}
