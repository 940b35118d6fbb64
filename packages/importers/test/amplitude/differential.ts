// The differential harness: Amplitude flag configs evaluated by Amplitude's own engine (`@amplitude/experiment-core`
// `EvaluationEngine`, over `topologicalSort` as its local-evaluation client does) and by an Ensign client on the
// imported datafile (`client.evaluate(user, flagKeys)`); the variants must be equal in key, value (as the Node SDK
// gives it: a string, JSON for other values), payload and metadata, and absent on both sides alike.
import { EvaluationEngine, topologicalSort, type EvaluationFlag, type EvaluationVariant } from '@amplitude/experiment-core';
import { createClient, type ClientOptions, type EnsignClient, type Variant } from '@ensign/node-sdk';
import { isDeepStrictEqual } from 'node:util';
import { importAmplitudeFlags } from '../../src/amplitude/index.js';
import { enrichedWithoutCohortSync, evaluationContext } from './users.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** An Ensign client on the imported configs, without events. */
export async function ensignClient(flags: readonly EvaluationFlag[], options: Omit<ClientOptions, 'datafile'> = {}): Promise<EnsignClient> {
  const imported = importAmplitudeFlags(flags as never);
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
  const client = createClient({ datafile: imported.datafile, logger: quiet, events: false, ...options });
  const ready = await client.onReady({ timeout: 5_000 });
  if (!ready.success) throw new Error(`the Ensign client is not ready: ${ready.reason ?? '?'}`);
  const quarantined = client.getStatus() as unknown as { quarantined?: unknown[] };
  if (Array.isArray(quarantined.quarantined) && quarantined.quarantined.length > 0) throw new Error(`quarantined: ${JSON.stringify(quarantined.quarantined)}`);
  return client;
}

/** The comparable part of a variant. */
export interface Answer {
  key?: string;
  value?: string;
  payload?: unknown;
  metadata?: unknown;
}

function theirs(v: EvaluationVariant | undefined): Answer | null {
  if (v === undefined) return null;
  const a: Answer = {};
  if (v.key !== undefined) a.key = v.key;
  if (v.value !== undefined && v.value !== null) a.value = typeof v.value === 'string' ? v.value : JSON.stringify(v.value);
  if (v.payload !== undefined) a.payload = v.payload;
  if (v.metadata !== undefined && Object.keys(v.metadata).length > 0) a.metadata = v.metadata;
  return a;
}

function ours(v: Variant | undefined): Answer | null {
  if (v === undefined) return null;
  const a: Answer = {};
  if (v.key !== undefined) a.key = v.key;
  if (v.value !== undefined) a.value = v.value;
  if (v.payload !== undefined) a.payload = v.payload;
  if (v.metadata !== undefined && Object.keys(v.metadata).length > 0) a.metadata = v.metadata;
  return a;
}

/** One disagreement. */
export interface Mismatch {
  flag: string;
  mode: 'all flags' | 'this flag alone';
  user: unknown;
  amplitude: Answer | null;
  ensign: Answer | null;
}

/**
 * Evaluates every flag for every user on both sides, all flags at once and, for the flags in `alone`, one flag at
 * a time. Returns the mismatches (at most `limit`) and how often each flag served each variant (`flag:variant`, or
 * `flag:-` for none).
 */
export async function compare(
  flags: readonly EvaluationFlag[],
  users: readonly Record<string, unknown>[],
  alone: readonly string[] = [],
  limit = 5,
): Promise<{ mismatches: Mismatch[]; seen: Map<string, number> }> {
  const engine = new EvaluationEngine();
  const byKey: Record<string, EvaluationFlag> = {};
  for (const f of flags) byKey[f.key] = f;
  const sorted = topologicalSort(byKey);
  const sortedAlone = new Map(alone.map((k) => [k, topologicalSort(byKey, [k])]));
  const client = await ensignClient(flags);
  const mismatches: Mismatch[] = [];
  const seen = new Map<string, number>();
  const check = (flag: string, mode: Mismatch['mode'], user: unknown, a: Answer | null, e: Answer | null): void => {
    if (!isDeepStrictEqual(a, e) && mismatches.length < limit) mismatches.push({ flag, mode, user, amplitude: a, ensign: e });
  };
  try {
    for (const user of users) {
      const context = evaluationContext(enrichedWithoutCohortSync(user, flags as never));
      const all = engine.evaluate(context, sorted);
      const mine = client.evaluate(user as never);
      for (const f of flags) {
        const a = theirs(all[f.key]);
        check(f.key, 'all flags', user, a, ours(mine[f.key]));
        const label = `${f.key}:${a?.key ?? '-'}`;
        seen.set(label, (seen.get(label) ?? 0) + 1);
      }
      for (const [key, list] of sortedAlone) check(key, 'this flag alone', user, theirs(engine.evaluate(context, list)[key]), ours(client.evaluate(user as never, [key])[key]));
    }
  } finally {
    await client.close();
  }
  return { mismatches, seen };
}

/** A readable report: the flag config, the user and both answers. */
export function describeMismatches(flags: readonly EvaluationFlag[], mismatches: readonly Mismatch[]): string {
  return mismatches
    .map((m) => [`flag ${m.flag} (${m.mode}): ${JSON.stringify(flags.find((f) => f.key === m.flag))}`, `user: ${JSON.stringify(m.user)}`, `Amplitude: ${JSON.stringify(m.amplitude)}`, `Ensign:    ${JSON.stringify(m.ensign)}`].join('\n'))
    .join('\n\n');
}
