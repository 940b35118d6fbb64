// importLaunchDarkly: the SDK's all-flags payload → a native datafile with `semantics: 'launchdarkly'`.
import type { Datafile, Flag, JsonValue, Segment } from '@ensign/datafile-schema';
import type { ImportResult } from '../result.js';
import { createCollector, isRecord, keyPath } from './collector.js';
import { convertFlag } from './flag.js';
import type { LaunchDarklyPayload, LdFlag, LdSegment } from './ld-types.js';
import { convertSegment } from './segment.js';

/** Options of {@link importLaunchDarkly}. */
export interface LaunchDarklyImportOptions {
  /** The datafile's `environment`. Default `production`. */
  environment?: string;
  /** The datafile's `revision`. Default: a hash of the imported content, so it changes whenever the payload does. */
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

function parseInput(input: unknown): { ok: true; payload: Record<string, unknown> } | { ok: false; message: string } {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (e) {
      return { ok: false, message: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  if (!isRecord(value)) return { ok: false, message: 'expected an object { flags, segments }' };
  // The streaming `put` event and some exports wrap the payload in `data`.
  if (!('flags' in value) && !('flagValues' in value) && isRecord(value['data'])) value = value['data'];
  const payload = value as Record<string, unknown>;
  for (const field of ['flags', 'segments', 'flagValues']) {
    if (payload[field] !== undefined && !isRecord(payload[field])) return { ok: false, message: `${field} must be an object keyed by ${field === 'segments' ? 'segment' : 'flag'} key` };
  }
  if (payload['flags'] === undefined && payload['flagValues'] === undefined) return { ok: false, message: 'expected an object with "flags" (and "segments")' };
  return { ok: true, payload };
}

/**
 * Imports LaunchDarkly flags and segments in the shape of the server SDK's all-flags payload (what `GET
 * /sdk/latest-all`, Relay and the file data source serve): `{ flags: { [key]: flag }, segments: { [key]: segment } }`,
 * as an object or as JSON text; the file data source's `flagValues` are imported as flags that always serve their
 * value. Every flag keeps its variations (keyed `"0"`, `"1"`, ... by index), targets, rules, rollouts and
 * experiments (bucketed with LaunchDarkly's SHA-1 arithmetic on the same key, salt and seed), prerequisites and
 * event settings, so each context gets the variation, value and reason LaunchDarkly gives it.
 *
 * Never throws. `ok: false` only when the input is not such a payload. A construct that cannot be expressed exactly
 * is a warning with the JSON path of the input; a flag LaunchDarkly would answer MALFORMED_FLAG for is imported as
 * such (the datafile parser quarantines it) rather than dropped; deleted items (tombstones) are left out with a
 * warning.
 *
 * @example
 * import { importLaunchDarkly } from '@ensign/importers/launchdarkly';
 * import { createClient } from '@ensign/node-sdk';
 *
 * const result = importLaunchDarkly(JSON.parse(readFileSync('ld-flags.json', 'utf8')));
 * if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
 * for (const w of result.warnings) console.warn(`${w.path}: ${w.message}`);
 * const client = createClient({ datafile: result.datafile });
 * await client.onReady();
 * client.variationDetail('new-checkout', { kind: 'user', key: 'user-42' }, false);
 */
export function importLaunchDarkly(input: LaunchDarklyPayload | string, options: LaunchDarklyImportOptions = {}): ImportResult {
  const out = createCollector();
  try {
    const parsed = parseInput(input);
    if (!parsed.ok) return { ok: false, errors: [{ path: '', message: parsed.message }], warnings: [] };
    const payload = parsed.payload;
    const rawFlags = (payload['flags'] ?? {}) as Record<string, unknown>;
    const rawSegments = (payload['segments'] ?? {}) as Record<string, unknown>;
    const rawValues = (payload['flagValues'] ?? {}) as Record<string, unknown>;
    for (const field of Object.keys(payload)) {
      if (field !== 'flags' && field !== 'segments' && field !== 'flagValues') out.warn(field, 'unknown field, ignored');
    }

    const live = (map: Record<string, unknown>, base: string): string[] =>
      Object.keys(map).filter((k) => {
        const item = map[k];
        if (!isRecord(item)) {
          out.warn(keyPath(base, k), 'not an object: left out');
          return false;
        }
        if (item['deleted'] === true) {
          out.warn(keyPath(base, k), 'deleted (a tombstone): left out, as LaunchDarkly does');
          return false;
        }
        return true;
      });
    const flagKeys = live(rawFlags, 'flags');
    const segmentKeys = live(rawSegments, 'segments');
    const valueKeys = Object.keys(rawValues).filter((k) => {
      if (!flagKeys.includes(k)) return true;
      out.warn(keyPath('flagValues', k), 'also defined in flags: the flags entry wins');
      return false;
    });
    const flagSet = new Set([...flagKeys, ...valueKeys]);
    const segmentSet = new Set(segmentKeys);

    const flags: Flag[] = flagKeys.map((k) => convertFlag(k, rawFlags[k] as LdFlag, flagSet, segmentSet, keyPath('flags', k), out));
    // The file data source turns each `flagValues` entry into an on flag whose fallthrough serves its only variation.
    for (const k of valueKeys) {
      flags.push({ key: k, version: 1, on: true, variations: [{ key: '0', value: (rawValues[k] ?? null) as JsonValue }], fallthrough: { variation: '0' } });
    }
    const segments: Segment[] = segmentKeys.map((k) => convertSegment(k, rawSegments[k] as LdSegment, segmentSet, keyPath('segments', k), out));

    const datafile: Datafile = {
      schemaVersion: 1,
      revision: options.revision ?? `ld-${contentHash(JSON.stringify({ flags, segments }))}`,
      environment: options.environment ?? 'production',
      semantics: 'launchdarkly',
      flags,
    };
    if (segments.length > 0) datafile.segments = segments;
    return { ok: true, datafile, warnings: out.warnings };
  } catch (e) {
    // Hostile input (a throwing getter, a cyclic structure): reported, never thrown.
    return { ok: false, errors: [{ path: '', message: `cannot read the input: ${e instanceof Error ? e.message : String(e)}` }], warnings: out.warnings };
  }
}
