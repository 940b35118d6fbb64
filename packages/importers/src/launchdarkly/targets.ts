// LaunchDarkly individual targeting → native targets, in the order the SDK checks them: without `contextTargets`,
// the user-kind `targets`; with them, `contextTargets` in order, where a user-kind entry stands for the `targets`
// entry of the same variation (its own `values` are a placeholder, usually empty).
import type { Target } from '@ensign/datafile-schema';
import { isNumber, isRecord, type Collector } from './collector.js';
import type { LdTarget } from './ld-types.js';
import { variationKey } from './serve.js';

function values(t: LdTarget, path: string, out: Collector): string[] {
  if (!Array.isArray(t.values)) return [];
  const keys = t.values.filter((v): v is string => typeof v === 'string');
  if (keys.length !== t.values.length) out.warn(`${path}.values`, 'target values that are not strings never match a context key and were left out');
  return keys;
}

function target(t: LdTarget, kind: string | undefined, list: string[], count: number, path: string, out: Collector): Target {
  const index = isNumber(t.variation) ? t.variation : -1;
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    out.warn(`${path}.variation`, `variation index ${index} is out of range: LaunchDarkly answers MALFORMED_FLAG for a targeted context, and so does the imported flag`);
  }
  const native: Target = { values: list, variation: variationKey(index) };
  if (kind !== undefined && kind !== 'user') native.contextKind = kind;
  return native;
}

/** Converts a flag's `targets` and `contextTargets`. */
export function convertTargets(targets: unknown, contextTargets: unknown, count: number, path: string, out: Collector): Target[] {
  const users = Array.isArray(targets) ? (targets as unknown[]).filter(isRecord).map((t) => t as LdTarget) : [];
  const contexts = Array.isArray(contextTargets) ? (contextTargets as unknown[]).filter(isRecord).map((t) => t as LdTarget) : [];
  if (contexts.length === 0) {
    return users.map((t, i) => target(t, undefined, values(t, `${path}.targets[${i}]`, out), count, `${path}.targets[${i}]`, out));
  }
  const result: Target[] = [];
  contexts.forEach((t, i) => {
    const at = `${path}.contextTargets[${i}]`;
    const kind = typeof t.contextKind === 'string' && t.contextKind !== '' ? t.contextKind : undefined;
    if (kind === undefined || kind === 'user') {
      const j = users.findIndex((u) => u.variation === t.variation);
      if (j < 0) return; // LaunchDarkly finds no user targets for this variation: nothing to check.
      const u = users[j] as LdTarget;
      result.push(target(u, undefined, values(u, `${path}.targets[${j}]`, out), count, `${path}.targets[${j}]`, out));
      return;
    }
    result.push(target(t, kind, values(t, at, out), count, at, out));
  });
  return result;
}
