// The Amplitude side of the fidelity tests: the same flag configs evaluated by Amplitude's own engine
// (`@amplitude/experiment-core`: `topologicalSort` then `EvaluationEngine.evaluate`, as its local-evaluation client's
// `evaluateV2` does, with the client's user → evaluation-context conversion) and by an Ensign client on the configs
// imported by `@ensign/importers`. Variants are compared as Amplitude's Node SDK hands them out: key, value (a string;
// JSON for other values), payload and metadata.
import { EvaluationEngine, topologicalSort, type EvaluationFlag, type EvaluationVariant } from '@amplitude/experiment-core';
import { importAmplitudeFlags } from '@ensign/importers/amplitude';
import { createClient, type EnsignClient, type Variant } from '@ensign/node-sdk';
import { afterAll, beforeAll } from 'vitest';

/** A variant as both sides are compared. */
export interface Served {
  key?: string;
  value?: string;
  payload?: unknown;
  metadata?: unknown;
}

/** What Amplitude's local client makes of a user: the user fields without groups, and `groups` by type. */
export function amplitudeContext(user: Record<string, unknown>): Record<string, unknown> {
  const user_ = { ...user };
  const groups = user_['groups'] as Record<string, unknown> | undefined;
  const properties = user_['group_properties'] as Record<string, Record<string, unknown>> | undefined;
  delete user_['groups'];
  delete user_['group_properties'];
  delete user_['group_cohort_ids'];
  const byType: Record<string, unknown> = {};
  for (const [type, names] of Object.entries(groups ?? {})) {
    const name = Array.isArray(names) ? names[0] : undefined;
    if (typeof name !== 'string' || name === '') continue;
    const props = properties?.[type]?.[name];
    byType[type] = props === undefined ? { group_name: name } : { group_name: name, group_properties: props };
  }
  return Object.keys(byType).length > 0 ? { user: user_, groups: byType } : { user: user_ };
}

function fromAmplitude(v: EvaluationVariant): Served {
  const out: Served = {};
  if (v.key !== undefined) out.key = v.key;
  if (v.value !== undefined && v.value !== null) out.value = typeof v.value === 'string' ? v.value : JSON.stringify(v.value);
  if (v.payload !== undefined) out.payload = v.payload;
  if (v.metadata !== undefined) out.metadata = v.metadata;
  return out;
}

function fromEnsign(v: Variant): Served {
  const out: Served = {};
  if (v.key !== undefined) out.key = v.key;
  if (v.value !== undefined) out.value = v.value;
  if (v.payload !== undefined) out.payload = v.payload;
  if (v.metadata !== undefined) out.metadata = v.metadata;
  return out;
}

/**
 * Amplitude's answer: `evaluateV2(user, flagKeys)` of its local client, as a record of variants by flag key. Throws
 * what Amplitude's engine throws (an invalid regex it reaches).
 */
export function amplitudeEvaluate(flags: readonly EvaluationFlag[], user: Record<string, unknown>, flagKeys?: string[]): Record<string, Served> {
  const byKey: Record<string, EvaluationFlag> = {};
  for (const f of flags) byKey[f.key] = f;
  const results = new EvaluationEngine().evaluate(amplitudeContext(user), topologicalSort(byKey, flagKeys));
  const out: Record<string, Served> = {};
  for (const [key, v] of Object.entries(results)) out[key] = fromAmplitude(v);
  return out;
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** An Ensign client on the imported configs (no events), with the importer's and the parser's warnings. */
export async function ensignOnAmplitude(flags: readonly EvaluationFlag[]): Promise<{ client: EnsignClient; importWarnings: { path: string; message: string }[] }> {
  const imported = importAmplitudeFlags(flags as never);
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
  const client = createClient({ datafile: imported.datafile, logger: quiet, events: false });
  const ready = await client.onReady({ timeout: 5_000 });
  if (!ready.success) throw new Error(`the Ensign client is not ready: ${ready.reason ?? '?'}`);
  return { client, importWarnings: [...imported.warnings] };
}

/** Ensign's answer through the Amplitude face, in the same shape. */
export function ensignEvaluate(client: EnsignClient, user: Record<string, unknown>, flagKeys?: string[]): Record<string, Served> {
  const out: Record<string, Served> = {};
  for (const [key, v] of Object.entries(client.evaluate(user as never, flagKeys))) out[key] = fromEnsign(v);
  return out;
}

/** An Ensign client on `flags` for the tests of the enclosing `describe` (made before them, closed after them). */
export function ensignClientFor(flags: readonly EvaluationFlag[]): () => EnsignClient {
  let client: EnsignClient | undefined;
  beforeAll(async () => {
    client = (await ensignOnAmplitude(flags)).client;
  });
  afterAll(async () => {
    await client?.close();
  });
  return () => {
    if (client === undefined) throw new Error('the Ensign client is made in beforeAll');
    return client;
  };
}
