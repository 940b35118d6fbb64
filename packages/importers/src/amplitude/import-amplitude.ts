// importAmplitudeFlags: Amplitude Experiment's local-evaluation flag configs → a native datafile with
// `semantics: 'amplitude'`.
import type { Cohort, Datafile, Flag, FlagMetadata, JsonObject, Rule } from '@ensign/datafile-schema';
import type { ImportResult } from '../result.js';
import type { AmplitudeFlag, AmplitudeSegment } from './amplitude-types.js';
import { createCollector, isRecord, type Collector } from './collector.js';
import { convertConditions, type ResultReadPolicy } from './conditions.js';
import { declaredAncestors, evaluationOrder } from './order.js';
import { convertSegment } from './segments.js';
import { convertVariants, renameServed } from './variants.js';

/** Options of {@link importAmplitudeFlags}. */
export interface AmplitudeImportOptions {
  /** The datafile's `environment`. Default `production`. */
  environment?: string;
  /** The datafile's `revision`. Default: a hash of the imported content, so it changes whenever the configs do. */
  revision?: string;
}

/** FNV-1a 32 of a string, as 8 hex digits: a cheap content hash for the default revision. */
function contentHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function readPolicy(key: string, flags: ReadonlyMap<string, AmplitudeFlag>, order: Map<string, number> | null, out: Collector): ResultReadPolicy {
  const ancestors = declaredAncestors(key, flags);
  return (other, path) => {
    if (!flags.has(other)) {
      out.warn(path, `reads the result of flag "${other}", which is not in the configs: always missing`);
      return false;
    }
    if (ancestors.has(other)) return true;
    const before = order !== null && (order.get(other) ?? Infinity) < (order.get(key) ?? -1);
    out.warn(
      path,
      before
        ? `reads the result of flag "${other}" without listing it in dependencies: Amplitude sees it when it evaluates every flag (it comes first), not when asked for "${key}" alone; Ensign always sees it`
        : `reads the result of flag "${other}" without listing it in dependencies, and Amplitude evaluates "${other}" after "${key}": always missing`,
    );
    return before;
  };
}

function convertFlag(flag: AmplitudeFlag, path: string, flags: ReadonlyMap<string, AmplitudeFlag>, order: Map<string, number> | null, cohorts: Map<string, string>, out: Collector): Flag {
  const key = flag.key as string;
  const { variations, renamed } = convertVariants(flag, path, out);
  const native: Flag = { key, on: true, variations };
  // Segments name variants as the flag's map stores them.
  const names = new Set(isRecord(flag.variants) ? Object.keys(flag.variants) : []);
  const has = (variant: string): boolean => names.has(variant);
  const metadata: FlagMetadata = {};
  if (isRecord(flag.metadata)) metadata.amplitude = flag.metadata as FlagMetadata['amplitude'];
  // Kept for the Amplitude face: `evaluate(user, flagKeys)` also returns the flags these keys depend on.
  const dependencies = Array.isArray(flag.dependencies) ? flag.dependencies.filter((d): d is string => typeof d === 'string') : [];
  if (dependencies.length > 0) metadata['amplitudeFlag'] = { dependencies };
  if (Object.keys(metadata).length > 0) native.metadata = metadata;
  const readsResult = readPolicy(key, flags, order, out);
  const rules: Rule[] = [];
  (Array.isArray(flag.segments) ? flag.segments : []).forEach((segment, i) => {
    const at = `${path}.segments[${i}]`;
    if (!isRecord(segment)) {
      out.warn(at, 'a segment must be an object; skipped (Amplitude cannot evaluate it)');
      return;
    }
    const s = segment as AmplitudeSegment;
    const metadata = isRecord(s.metadata) ? (s.metadata as JsonObject) : undefined;
    const name = typeof metadata?.['segmentName'] === 'string' ? (metadata['segmentName'] as string) : undefined;
    const common: Partial<Rule> = { ...(name !== undefined ? { key: name } : {}), ...(metadata !== undefined ? { metadata } : {}) };
    const conditions = convertConditions(s.conditions, `${at}.conditions`, readsResult, cohorts, out);
    rules.push(...convertSegment(s, { id: `segment-${i}`, conditions, common, has }, at, out));
  });
  if (!Array.isArray(flag.segments)) out.warn(`${path}.segments`, 'no segments: the flag serves nothing');
  renameServed(rules, renamed);
  if (rules.length > 0) native.rules = rules;
  return native;
}

function parseInput(input: unknown): { ok: true; flags: unknown[] } | { ok: false; message: string } {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (e) {
      return { ok: false, message: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  // The flag API answers a list; a `{ flags: [...] }` wrapper (some exports) and a map keyed by flag key (as the
  // local client caches it) are accepted too.
  if (isRecord(value)) value = Array.isArray(value['flags']) ? value['flags'] : Object.values(value);
  if (!Array.isArray(value)) return { ok: false, message: 'expected the list of flag configs that GET /sdk/v2/flags returns' };
  return { ok: true, flags: value };
}

/**
 * Imports Amplitude Experiment's local-evaluation flag configs (`EvaluationFlag[]`, what `GET /sdk/v2/flags` and the
 * local-evaluation SDKs use), as a list, a `{ flags: [...] }` wrapper, a map by flag key, or JSON text. Each flag
 * keeps its variants (keyed by their map key, with values, payloads and metadata), its segments in order with their
 * conditions (selectors on the user, on groups, on other flags' results; cohort filters as cohort conditions), and
 * its buckets with the same salt, allocations and distributions, hashed with Amplitude's murmur3, so every user gets
 * the variant Amplitude gives.
 *
 * Never throws. `ok: false` only when the input is not such a list. A construct that cannot be expressed exactly is
 * a warning with its path (`[2].segments[0].conditions[0][1]`).
 *
 * @example
 * import { importAmplitudeFlags } from '@ensign/importers/amplitude';
 * import { createClient } from '@ensign/node-sdk';
 *
 * const result = importAmplitudeFlags(await (await fetch(flagsUrl, { headers })).text());
 * if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
 * const client = createClient({ datafile: result.datafile });
 * await client.onReady();
 * client.evaluate({ user_id: 'user-42', user_properties: { plan: 'pro' } }, ['pricing-page']);
 */
export function importAmplitudeFlags(flagConfigs: readonly AmplitudeFlag[] | Record<string, AmplitudeFlag> | string, options: AmplitudeImportOptions = {}): ImportResult {
  const out = createCollector();
  try {
    const parsed = parseInput(flagConfigs);
    if (!parsed.ok) return { ok: false, errors: [{ path: '', message: parsed.message }], warnings: [] };
    const byKey = new Map<string, AmplitudeFlag>();
    const position = new Map<string, number>();
    parsed.flags.forEach((f, i) => {
      if (!isRecord(f) || typeof f['key'] !== 'string' || f['key'] === '') {
        out.warn(`[${i}]`, 'a flag config needs a key: left out');
        return;
      }
      if (byKey.has(f['key'])) {
        out.warn(`[${i}].key`, `flag "${f['key']}" appears again: the first config is kept`);
        return;
      }
      byKey.set(f['key'], f as AmplitudeFlag);
      position.set(f['key'], i);
    });
    const order = evaluationOrder(byKey);
    if (order === null) out.warn('', 'the flags\' dependencies form a cycle: Amplitude cannot evaluate them all at once (it throws); only declared dependencies are read');
    const cohorts = new Map<string, string>();
    const flags = [...byKey.values()].map((f) => convertFlag(f, `[${position.get(f.key as string)}]`, byKey, order, cohorts, out));
    const datafile: Datafile = {
      schemaVersion: 1,
      revision: options.revision ?? `amp-${contentHash(JSON.stringify(flags))}`,
      environment: options.environment ?? 'production',
      semantics: 'amplitude',
      flags,
    };
    if (cohorts.size > 0) datafile.cohorts = [...cohorts].map(([id, kind]): Cohort => (kind === 'user' ? { id } : { id, contextKind: kind }));
    return { ok: true, datafile, warnings: out.warnings };
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: `cannot read the input: ${e instanceof Error ? e.message : String(e)}` }], warnings: out.warnings };
  }
}
