// Differential test of `@ensign/node-sdk/launchdarkly`: one LaunchDarkly quick start, run twice with only the import
// line changed: with `@launchdarkly/node-server-sdk` on a flag payload (in-memory data source), and with the Ensign
// entry on the same payload converted by `@ensign/importers` (an in-memory datafile source). Answers (promises),
// flag states, offline answers and waitForInitialization's rejection must agree.
import * as ensign from '@ensign/node-sdk/launchdarkly';
import { createStaticSource } from '@ensign/node-sdk';
import { importLaunchDarkly } from '@ensign/importers/launchdarkly';
import * as launchdarkly from '@launchdarkly/node-server-sdk';
import { describe, expect, it } from 'vitest';
import { closedPortUrl } from './closed-port.js';
import { launchdarklyPayload } from '../../src/peers/launchdarkly.js';
import { flagKeys } from '../../src/workload/spec.js';
import { userCountry, userId, userPlan } from '../../src/workload/users.js';

const FLAGS = 20;
const USERS = 200;
const SDK_KEY = 'sdk-entry-differential';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** The part of each SDK this quick start uses: `init`, with the same client API. */
type Init = (sdkKey: string, options: Record<string, unknown>) => ensign.LDClient;

/** Drops what only Ensign's detail carries (`revision`), to compare the rest. */
function detailOf(detail: unknown): unknown {
  const { revision: _revision, ...rest } = detail as Record<string, unknown>;
  return rest;
}

/** The quick start: init, waitForInitialization, then variationDetail, variation and allFlagsState per context. */
async function quickStart(init: Init, options: Record<string, unknown>): Promise<unknown[]> {
  const client = init(SDK_KEY, { ...options, logger: quiet, sendEvents: false, diagnosticOptOut: true });
  expect(await client.waitForInitialization({ timeout: 10 })).toBe(client);
  const answers: unknown[] = [];
  for (let n = 0; n < USERS; n++) {
    const context = { kind: 'user', key: userId(n), country: userCountry(n), plan: userPlan(n) };
    for (const key of flagKeys(FLAGS)) {
      const pending = client.variationDetail(key, context, false);
      expect(pending).toBeInstanceOf(Promise);
      answers.push({ n, key, detail: detailOf(await pending), value: await client.boolVariation(key, context, false) });
    }
    answers.push({ n, state: (await client.allFlagsState(context)).toJSON() });
  }
  answers.push({ unknown: detailOf(await client.variationDetail('no-such-flag', { kind: 'user', key: 'u' }, 'd')) });
  client.close();
  return answers;
}

/** LaunchDarkly's in-memory data source over the payload (the revive step of its polling path). */
function vendorSource(payload: ReturnType<typeof launchdarklyPayload>) {
  return (_context: unknown, updates: { init(data: unknown, done: () => void): void }, initSuccess: () => void) => ({
    start() {
      const data = launchdarkly.reviveFullPayload(JSON.parse(JSON.stringify(payload)) as Record<string, unknown>);
      updates.init({ features: data.flags, segments: data.segments }, initSuccess);
    },
    stop() {},
    close() {},
  });
}

describe('@ensign/node-sdk/launchdarkly against @launchdarkly/node-server-sdk 9', () => {
  it(`answers ${FLAGS} flags for ${USERS} contexts exactly as LaunchDarkly's SDK in its own quick start`, async () => {
    const payload = launchdarklyPayload(FLAGS);
    const imported = importLaunchDarkly(payload as never);
    if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
    const theirs = await quickStart(launchdarkly.init as unknown as Init, { updateProcessor: vendorSource(payload) });
    const ours = await quickStart(ensign.init, { updateProcessor: createStaticSource(imported.datafile) });
    expect(ours).toHaveLength(USERS * (FLAGS + 1) + 1);
    expect(ours).toEqual(theirs);
    expect(new Set(theirs.map((a) => JSON.stringify((a as { detail?: { reason?: unknown } }).detail?.reason ?? null))).size).toBeGreaterThan(2);
  });

  it('answers the same offline: initialized, defaults with CLIENT_NOT_READY, an invalid flag state', async () => {
    const run = async (init: Init) => {
      const client = init(SDK_KEY, { offline: true, logger: quiet });
      const resolved = (await client.waitForInitialization({ timeout: 1 })) === client;
      const context = { kind: 'user', key: 'user-1' };
      const answer = { resolved, initialized: client.initialized(), detail: detailOf(await client.variationDetail('flag-0', context, 'd')), state: (await client.allFlagsState(context)).toJSON(), flushed: await client.flush() };
      client.close();
      return answer;
    };
    const theirs = await run(launchdarkly.init as unknown as Init);
    expect(theirs).toMatchObject({ resolved: true, initialized: true, detail: { reason: { errorKind: 'CLIENT_NOT_READY' } } });
    expect(await run(ensign.init)).toEqual(theirs);
  });

  it('rejects waitForInitialization with the same error when no flags arrive in time', async () => {
    const url = await closedPortUrl();
    const run = async (init: Init) => {
      const client = init(SDK_KEY, { baseUri: url, streamUri: url, eventsUri: url, stream: false, sendEvents: false, logger: quiet });
      const error = await client.waitForInitialization({ timeout: 0.3 }).then(() => null, (e: Error) => e);
      client.close();
      return error === null ? 'resolved' : { name: error.name, message: error.message, isError: error instanceof Error };
    };
    const theirs = await run(launchdarkly.init as unknown as Init);
    expect(theirs).toEqual({ name: 'LaunchDarklyTimeoutError', message: 'waitForInitialization timed out after 0.3 seconds.', isError: true });
    expect(await run(ensign.init)).toEqual(theirs);
  });

  it('warns about an unknown option once, in the same words as LaunchDarkly', async () => {
    const run = (init: Init) => {
      const warnings: string[] = [];
      const client = init(SDK_KEY, { offline: true, logger: { ...quiet, warn: (m: string) => warnings.push(m) }, bogusOption: 1 });
      client.close();
      return warnings.filter((w) => w.includes('bogusOption'));
    };
    const theirs = run(launchdarkly.init as unknown as Init);
    const ours = run(ensign.init);
    expect(theirs).toEqual(['Ignoring unknown config option "bogusOption"']);
    expect(ours).toEqual(theirs);
  });
});
