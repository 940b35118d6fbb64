// `@ensign/node-sdk/amplitude`: Amplitude's Node quick starts (local and remote evaluation) run after changing the
// import line, against a flag server on 127.0.0.1; start() settles as Amplitude's; loggerProvider, logLevel and
// options Ensign does not implement.
import { describe, expect, it } from 'vitest';
import * as amplitude from '../../src/amplitude.js';
import { Experiment, LogLevel } from '../../src/amplitude.js';
import { exampleDatafile } from '../../src/examples.js';
import { createClient } from '../../src/index.js';
import { closedPort, startFlagServerStub, useCleanup } from './flag-server-stub.js';

const DEPLOYMENT_KEY = 'server-amplitude-entry-0001';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const { stubs, closers } = useCleanup();

function recordingProvider() {
  const lines: [string, string][] = [];
  const at = (level: string) => (message: string) => void lines.push([level, message]);
  return { lines, provider: { verbose: at('verbose'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

describe('Amplitude local evaluation quick start through @ensign/node-sdk/amplitude', () => {
  it('starts on the flag server datafile and evaluates as Ensign does', async () => {
    const server = await startFlagServerStub({ sdkKey: DEPLOYMENT_KEY, datafile: exampleDatafile });
    stubs.push(server);
    const reference = createClient({ datafile: exampleDatafile, logger: quiet, events: false });
    closers.push(() => reference.close());
    // The vendor's quick start, with serverUrl naming the flag server.
    const experiment = Experiment.initializeLocal(DEPLOYMENT_KEY, { serverUrl: server.url, loggerProvider: recordingProvider().provider });
    closers.push(() => experiment.ensign.close());
    await experiment.start();
    const user = { user_id: 'user-42', device_id: 'device-1', user_properties: { country: 'UK' } };
    const variants = experiment.evaluateV2(user, ['pricing-page']);
    const variant = variants['pricing-page'];
    expect(variant?.value).toBe('annual-discount');
    expect(variants).toEqual(reference.evaluateV2(user, ['pricing-page']));
    expect(experiment.evaluateV2(user)).toEqual(reference.evaluateV2(user));
    // The deprecated evaluate: a promise, without default variants.
    const all = reference.evaluateV2(user);
    const withoutDefaults = Object.fromEntries(Object.entries(all).filter(([, v]) => (v.metadata as { default?: boolean } | undefined)?.default !== true));
    expect(await experiment.evaluate(user)).toEqual(withoutDefaults);
    expect(server.requests.some((r) => r.path === `/v1/datafiles/${DEPLOYMENT_KEY}.json`)).toBe(true);
    experiment.stop();
  });

  it('start() resolves when the first fetch fails, as Amplitude, logging one error', async () => {
    const { lines, provider } = recordingProvider();
    const experiment = Experiment.initializeLocal(DEPLOYMENT_KEY, { serverUrl: await closedPort(), fetchTimeoutMillis: 200, loggerProvider: provider });
    closers.push(() => experiment.ensign.close());
    await expect(experiment.start()).resolves.toBeUndefined();
    expect(lines.filter(([level, m]) => level === 'error' && m.startsWith('[Experiment] flag config initial poll failed'))).toHaveLength(1);
    expect(experiment.evaluateV2({ user_id: 'user-42' })).toEqual({});
  });
});

describe('Amplitude remote evaluation quick start through @ensign/node-sdk/amplitude', () => {
  it('fetches variants from the flag server with the deployment key, and downloads no datafile', async () => {
    let asked: unknown = null;
    const server = await startFlagServerStub({
      sdkKey: DEPLOYMENT_KEY,
      datafile: exampleDatafile,
      evaluate: (body) => {
        asked = body;
        return { 'pricing-page': { key: 'annual-discount', value: 'annual-discount' }, 'off-flag': { key: 'off', metadata: { default: true } } };
      },
    });
    stubs.push(server);
    const experiment = Experiment.initializeRemote(DEPLOYMENT_KEY, { serverUrl: server.url, fetchRetries: 0, loggerProvider: recordingProvider().provider });
    closers.push(() => experiment.ensign.close());
    const user = { user_id: 'user-42', device_id: 'device-1' };
    const variants = await experiment.fetchV2(user);
    expect(variants['pricing-page']).toEqual({ key: 'annual-discount', value: 'annual-discount' });
    expect(asked).toMatchObject({ context: { key: 'user-42' } });
    expect(server.requests.find((r) => r.path === '/v1/evaluate')?.headers['authorization']).toBe(`Api-Key ${DEPLOYMENT_KEY}`);
    expect(Object.keys(await experiment.fetch(user))).toEqual(['pricing-page']);
    expect(server.requests.some((r) => r.path.startsWith('/v1/datafiles/'))).toBe(false);
    expect(Experiment.initialize).toBeTypeOf('function');
  });

  it('fetchV2 resolves {} when the server cannot be reached (Amplitude rejects)', async () => {
    const { lines, provider } = recordingProvider();
    const experiment = Experiment.initializeRemote(DEPLOYMENT_KEY, { serverUrl: await closedPort(), fetchRetries: 0, fetchTimeoutMillis: 200, loggerProvider: provider });
    closers.push(() => experiment.ensign.close());
    expect(await experiment.fetchV2({ user_id: 'user-42' })).toEqual({});
    expect(lines.filter(([level]) => level === 'error')).toHaveLength(1);
  });
});

describe('Amplitude logging options', () => {
  it('warns once through loggerProvider about each option Ensign does not implement; LogLevel.Disable silences it', async () => {
    const { lines, provider } = recordingProvider();
    const experiment = Experiment.initializeLocal(DEPLOYMENT_KEY, { serverUrl: 'http://127.0.0.1:9', httpAgent: {}, instanceName: 'shop', loggerProvider: provider });
    closers.push(() => experiment.ensign.close());
    expect(lines.filter(([level]) => level === 'warn').map(([, m]) => m)).toEqual([
      'Amplitude option "httpAgent" ignored: not supported by Ensign',
      'Amplitude option "instanceName" ignored: not supported by Ensign',
    ]);
    const silent = recordingProvider();
    const quietExperiment = Experiment.initializeLocal(DEPLOYMENT_KEY, { serverUrl: 'http://127.0.0.1:9', httpAgent: {}, loggerProvider: silent.provider, logLevel: LogLevel.Disable });
    closers.push(() => quietExperiment.ensign.close());
    expect(silent.lines).toEqual([]);
    expect(LogLevel).toEqual({ Disable: 0, Error: 1, Warn: 2, Info: 3, Debug: 4, Verbose: 5 });
  });
});

describe('what the Amplitude entry leaves out', () => {
  it('has no AmplitudeCookie (use @ensign/cookie-utils)', () => {
    expect(Object.keys(amplitude).sort()).toEqual(['Experiment', 'LogLevel']);
  });
});
