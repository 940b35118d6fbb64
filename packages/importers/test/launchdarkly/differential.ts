// The differential harness: one LaunchDarkly payload evaluated by LaunchDarkly's own Node server SDK (fed through its
// TestData source, which revives flags and segments as the polling and file sources do; no network, no events) and
// by an Ensign client on the imported datafile, `variationDetail` for every flag and context; the answers must be
// equal in value, variation index, reason kind, error kind, rule index and id, prerequisite key, inExperiment and
// big-segment status.
import { basicLogger, init, integrations, type LDClient, type LDEvaluationDetail } from '@launchdarkly/node-server-sdk';
import { createClient, type EnsignClient } from '@ensign/node-sdk';
import { isDeepStrictEqual } from 'node:util';
import { importLaunchDarkly } from '../../src/launchdarkly/index.js';
import type { LaunchDarklyPayload } from '../../src/launchdarkly/index.js';

/** The value both sides return when no variation is served. */
export const DEFAULT_VALUE = '__default__';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A LaunchDarkly client serving exactly `payload`, offline. */
export async function launchDarklyClient(payload: Required<Pick<LaunchDarklyPayload, 'flags' | 'segments'>>): Promise<LDClient> {
  const td = new integrations.TestData();
  for (const flag of Object.values(payload.flags)) await td.usePreconfiguredFlag(flag as Record<string, unknown>);
  for (const segment of Object.values(payload.segments)) await td.usePreconfiguredSegment(segment as Record<string, unknown>);
  const client = init('sdk-differential-test', {
    updateProcessor: td.getFactory(),
    sendEvents: false,
    diagnosticOptOut: true,
    baseUri: 'http://127.0.0.1:9',
    streamUri: 'http://127.0.0.1:9',
    eventsUri: 'http://127.0.0.1:9',
    logger: basicLogger({ level: 'none' }),
  });
  await client.waitForInitialization({ timeout: 10 });
  return client;
}

/** An Ensign client on the imported payload; throws (in the test) when the import or the client fails. */
export async function ensignClient(payload: LaunchDarklyPayload, options: CompareOptions = {}): Promise<{ client: EnsignClient; warnings: readonly { path: string; message: string }[] }> {
  const imported = importLaunchDarkly(payload);
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
  // Events on: every batch is accepted and discarded (the face then takes its decision path, which records events).
  const events = options.events === true ? { sdkKey: 'sdk-differential-test', eventDispatcher: { dispatch: () => Promise.resolve({ delivered: true, status: 202 }) } } : { events: false };
  const client = createClient({ datafile: imported.datafile, logger: quiet, ...events });
  const ready = await client.onReady({ timeout: 5_000 });
  if (!ready.success) throw new Error(`the Ensign client is not ready: ${ready.reason ?? '?'}\n${JSON.stringify(client.getStatus?.() ?? {}, null, 1).slice(0, 2000)}`);
  return { client, warnings: imported.warnings };
}

/** How the Ensign side of {@link compare} is made. */
export interface CompareOptions {
  /** Events on, to a dispatcher that discards them (default off). */
  events?: boolean;
}

/** The comparable part of a detail. */
export interface Answer {
  value: unknown;
  variationIndex: number | null;
  kind: string;
  errorKind?: string;
  ruleIndex?: number;
  ruleId?: string;
  prerequisiteKey?: string;
  inExperiment: boolean;
  bigSegmentsStatus?: string;
}

function answerOf(detail: LDEvaluationDetail | { value: unknown; variationIndex: number | null; reason: Record<string, unknown> }): Answer {
  const reason = (detail.reason ?? {}) as Record<string, unknown>;
  const a: Answer = { value: detail.value, variationIndex: detail.variationIndex ?? null, kind: String(reason['kind']), inExperiment: reason['inExperiment'] === true };
  if (typeof reason['errorKind'] === 'string') a.errorKind = reason['errorKind'];
  if (typeof reason['ruleIndex'] === 'number') a.ruleIndex = reason['ruleIndex'];
  if (typeof reason['ruleId'] === 'string') a.ruleId = reason['ruleId'];
  if (typeof reason['prerequisiteKey'] === 'string') a.prerequisiteKey = reason['prerequisiteKey'];
  if (typeof reason['bigSegmentsStatus'] === 'string') a.bigSegmentsStatus = reason['bigSegmentsStatus'];
  return a;
}

/** One disagreement, with everything needed to reproduce it. */
export interface Mismatch {
  flag: string;
  context: unknown;
  launchdarkly: Answer;
  ensign: Answer;
}

/**
 * Evaluates every flag of `payload` (or the `only` ones) for every context on both sides. Returns the mismatches (at most `limit`) and
 * how often each reason kind was seen, so a test can also check that its configuration reaches every branch.
 */
export async function compare(
  payload: Required<Pick<LaunchDarklyPayload, 'flags' | 'segments'>>,
  contexts: readonly Record<string, unknown>[],
  only?: readonly string[],
  limit = 5,
  options: CompareOptions = {},
): Promise<{ mismatches: Mismatch[]; seen: Map<string, number>; evaluations: number }> {
  const ld = await launchDarklyClient(payload);
  const { client } = await ensignClient(payload, options);
  const mismatches: Mismatch[] = [];
  const seen = new Map<string, number>();
  let evaluations = 0;
  try {
    const flagKeys = only ?? Object.keys(payload.flags);
    for (const context of contexts) {
      for (const flag of flagKeys) {
        const theirs = answerOf(await ld.variationDetail(flag, context as never, DEFAULT_VALUE));
        const ours = answerOf(client.variationDetail(flag, context, DEFAULT_VALUE));
        evaluations++;
        const label = `${flag}:${theirs.kind}${theirs.errorKind ? `/${theirs.errorKind}` : ''}${theirs.ruleIndex !== undefined ? `#${theirs.ruleIndex}` : ''}${theirs.inExperiment ? '+exp' : ''}`;
        seen.set(label, (seen.get(label) ?? 0) + 1);
        if (!isDeepStrictEqual(theirs, ours) && mismatches.length < limit) mismatches.push({ flag, context, launchdarkly: theirs, ensign: ours });
      }
    }
  } finally {
    ld.close();
    await client.close();
  }
  return { mismatches, seen, evaluations };
}

/** A readable report of mismatches: the configuration of the flag, the context and both answers. */
export function describeMismatches(payload: Required<Pick<LaunchDarklyPayload, 'flags' | 'segments'>>, mismatches: readonly Mismatch[]): string {
  return mismatches
    .map((m) => [`flag ${m.flag}: ${JSON.stringify(payload.flags[m.flag])}`, `context: ${JSON.stringify(m.context)}`, `LaunchDarkly: ${JSON.stringify(m.launchdarkly)}`, `Ensign:       ${JSON.stringify(m.ensign)}`].join('\n'))
    .join('\n\n');
}
