// Trace entries of condition leaves, with private attribute values redacted: the options' `privateAttributes` and
// `allAttributesPrivate`, and each context's own `_meta.privateAttributes`. A private reference hides the attribute
// and everything inside it (`/address` hides `/address/city`). `key` and `kind` are never private.
import type { JsonValue } from '@ensign/datafile-schema';
import { compileAttributePath } from '../compile/compile-conditions.js';
import { individualOf } from '../context/context-access.js';
import type { EvalState } from '../evaluate/eval-state.js';
import type { Tri } from './matcher.js';

function covers(ref: unknown, components: readonly string[]): boolean {
  const path = compileAttributePath(ref);
  if (path === null || path.components.length > components.length) return false;
  return path.components.every((c, i) => c === components[i]);
}

/** Whether a value read at `components` of `contextKind` must be redacted in a trace. */
export function isPrivate(state: EvalState, contextKind: string | undefined, components: readonly string[]): boolean {
  const first = components[0];
  if (first === 'key' || first === 'kind') return false;
  const options = state.options;
  if (options.allAttributesPrivate === true) return true;
  if (Array.isArray(options.privateAttributes) && options.privateAttributes.some((r) => covers(r, components))) return true;
  const meta = individualOf(state.context, contextKind ?? 'user')?.['_meta'];
  const own = meta !== null && typeof meta === 'object' ? (meta as Record<string, unknown>)['privateAttributes'] : undefined;
  return Array.isArray(own) && own.some((r) => covers(r, components));
}

/** Appends one condition to the trace step being built. */
export function traceLeaf(
  state: EvalState,
  attribute: string,
  contextKind: string | undefined,
  op: string,
  value: unknown,
  result: Tri,
  components: readonly string[] | null,
): void {
  const shown = components !== null && value !== undefined && isPrivate(state, contextKind, components) ? '[redacted]' : (value as JsonValue | undefined);
  const entry: { attribute: string; contextKind?: string; op: string; value: JsonValue | '[redacted]' | undefined; result: Tri } = { attribute, op, value: shown, result };
  if (contextKind !== undefined) entry.contextKind = contextKind;
  state.conditions?.push(entry);
}
