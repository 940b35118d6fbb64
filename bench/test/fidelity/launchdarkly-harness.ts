// The LaunchDarkly side of the fidelity tests: the same flag JSON served by LaunchDarkly's Node server SDK (through
// its TestData source: flags revived as the polling and file sources revive them; offline, no events) and by an
// Ensign client on the payload imported by `@ensign/importers`. Details are compared on value, variation index and
// reason (kind, errorKind, ruleIndex, ruleId, prerequisiteKey, inExperiment).
import { basicLogger, init, integrations, type LDClient, type LDEvaluationDetail } from '@launchdarkly/node-server-sdk';
import { importLaunchDarkly } from '@ensign/importers/launchdarkly';
import { createClient, type EnsignClient, type Logger } from '@ensign/node-sdk';
import { afterAll, beforeAll } from 'vitest';

/** The default value both sides are asked with. */
export const DEFAULT = 'default-value';

/** LaunchDarkly flag JSON with the fields its API always sends; `fields` override them. */
export function ldFlag(key: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { key, version: 1, on: true, salt: `${key}-salt`, variations: ['a', 'b', 'c'], offVariation: 0, targets: [], contextTargets: [], prerequisites: [], rules: [], fallthrough: { variation: 0 }, trackEvents: false, trackEventsFallthrough: false, clientSide: false, deleted: false, ...fields };
}

/** A LaunchDarkly client serving `flags`, offline. */
export async function launchDarklyClient(flags: readonly Record<string, unknown>[]): Promise<LDClient> {
  const td = new integrations.TestData();
  for (const flag of flags) await td.usePreconfiguredFlag(flag);
  const client = init('sdk-fidelity-test', { updateProcessor: td.getFactory(), sendEvents: false, diagnosticOptOut: true, logger: basicLogger({ level: 'none' }) });
  await client.waitForInitialization({ timeout: 10 });
  return client;
}

/** What an Ensign client logged at `warn` (and `error`). */
export interface Logged {
  readonly warnings: string[];
}

/** An Ensign client on the imported payload (no events); its warnings are collected. */
export async function ensignOnLaunchDarkly(flags: readonly Record<string, unknown>[]): Promise<{ client: EnsignClient; logged: Logged }> {
  const imported = importLaunchDarkly({ flags: Object.fromEntries(flags.map((f) => [f['key'] as string, f])), segments: {} } as never);
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
  const logged: Logged = { warnings: [] };
  const logger: Logger = { debug() {}, info() {}, warn: (m: string) => void logged.warnings.push(m), error: (m: string) => void logged.warnings.push(m) };
  const client = createClient({ datafile: imported.datafile, logger, events: false });
  const ready = await client.onReady({ timeout: 5_000 });
  if (!ready.success) throw new Error(`the Ensign client is not ready: ${ready.reason ?? '?'}`);
  return { client, logged };
}

/** The comparable part of a detail. */
export function answer(detail: LDEvaluationDetail | { value: unknown; variationIndex?: number | null; reason?: unknown }): Record<string, unknown> {
  const reason = (detail.reason ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = { value: detail.value, variationIndex: detail.variationIndex ?? null, kind: reason['kind'] };
  for (const field of ['errorKind', 'ruleIndex', 'ruleId', 'prerequisiteKey']) if (reason[field] !== undefined) out[field] = reason[field];
  if (reason['inExperiment'] === true) out['inExperiment'] = true;
  return out;
}

/** Both sides' details of every flag for every context: `[label, LaunchDarkly's, Ensign's]`. */
export async function bothAnswers(
  { ld, ensign }: { readonly ld: LDClient; readonly ensign: EnsignClient },
  flagKeys: readonly string[],
  contexts: readonly unknown[],
): Promise<{ label: string; theirs: Record<string, unknown>; ours: Record<string, unknown> }[]> {
  const out: { label: string; theirs: Record<string, unknown>; ours: Record<string, unknown> }[] = [];
  for (const context of contexts) {
    for (const key of flagKeys) {
      const theirs = answer(await ld.variationDetail(key, context as never, DEFAULT));
      const ours = answer(ensign.variationDetail(key, context, DEFAULT));
      out.push({ label: `${key} ${JSON.stringify(context)}`, theirs, ours });
    }
  }
  return out;
}

/** Both clients on `flags` for the tests of the enclosing `describe` (made before them, closed after them). */
export function bothClientsFor(flags: readonly Record<string, unknown>[]): () => { ld: LDClient; ensign: EnsignClient; logged: Logged } {
  let clients: { ld: LDClient; ensign: EnsignClient; logged: Logged } | undefined;
  beforeAll(async () => {
    const ld = await launchDarklyClient(flags);
    const { client, logged } = await ensignOnLaunchDarkly(flags);
    clients = { ld, ensign: client, logged };
  });
  afterAll(async () => {
    clients?.ld.close();
    await clients?.ensign.close();
  });
  return () => {
    if (clients === undefined) throw new Error('the clients are made in beforeAll');
    return clients;
  };
}
