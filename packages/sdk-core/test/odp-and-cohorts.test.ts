import type { HttpRequest, HttpResponse } from '@ensign/common';
import { describe, expect, it } from 'vitest';
import { createTestPlatform } from './client.js';
import { createCoreClient, exampleDatafile, silentLogger } from './client.js';
import type { ClientOptions } from './client.js';
import { withAmplitudeCohorts } from '../src/faces/amplitude/cohort-enrich.js';

const qualifiedDatafile = (integrations?: unknown[]) => ({
  ...structuredClone(exampleDatafile),
  flags: [{ key: 'vip', on: true, variations: [{ key: 'off', value: false }, { key: 'on', value: true }], offVariation: 'off', rules: [{ id: 'r', conditions: { op: 'qualified', values: ['vip'] }, serve: { variation: 'on' } }], fallthrough: { variation: 'off' } }],
  ...(integrations ? { integrations } : {}),
});

function recordingClient(options: Partial<ClientOptions>) {
  const requests: HttpRequest[] = [];
  const http = {
    async request(request: HttpRequest): Promise<HttpResponse> {
      requests.push(request);
      return { status: 200, headers: {}, body: JSON.stringify({ data: { customer: { audiences: { edges: [{ node: { name: 'vip', state: 'qualified' } }] } } } }) };
    },
  };
  const client = createCoreClient({ logger: silentLogger, datafile: qualifiedDatafile(), ...options } as ClientOptions, { platform: createTestPlatform({ http }) });
  return { client, requests };
}

describe('ODP options', () => {
  it("defaults the host and key to the datafile's odp integration", async () => {
    const { client, requests } = recordingClient({ datafile: qualifiedDatafile([{ key: 'odp', host: 'https://odp.from-datafile', publicKey: 'pk-df' }]) });
    expect(await client.createUserContext('u1').fetchQualifiedSegments()).toBe(true);
    expect(requests[0]?.url).toBe('https://odp.from-datafile/v3/graphql');
    expect(requests[0]?.headers?.['x-api-key']).toBe('pk-df');
    await client.close();
  });

  it('lets odp.host and odp.publicKey override the datafile', async () => {
    const { client, requests } = recordingClient({ datafile: qualifiedDatafile([{ key: 'odp', host: 'https://odp.from-datafile', publicKey: 'pk-df' }]), odp: { host: 'https://odp.option', publicKey: 'pk-opt' } });
    await client.createUserContext('u1').fetchQualifiedSegments();
    expect(requests[0]?.url).toBe('https://odp.option/v3/graphql');
    expect(requests[0]?.headers?.['x-api-key']).toBe('pk-opt');
    await client.close();
  });

  it('odp.disabled: no request, fetchQualifiedSegments resolves false, sendOdpEvent returns false', async () => {
    const { client, requests } = recordingClient({ odp: { disabled: true, host: 'https://odp.option', publicKey: 'pk' } });
    expect(await client.createUserContext('u1').fetchQualifiedSegments()).toBe(false);
    expect(client.sendOdpEvent({ action: 'a', identifiers: { fs_user_id: 'u1' } })).toBe(false);
    expect(requests).toHaveLength(0);
    await client.close();
  });

  it('rejects unknown or mistyped odp and cohortSyncConfig keys', () => {
    expect(() => recordingClient({ odp: { cacheSize: 5 } as never })).toThrow(/odp: unknown option "cacheSize"/);
    expect(() => recordingClient({ odp: { segmentsCacheTimeoutMs: -1 } })).toThrow(/segmentsCacheTimeoutMs/);
    expect(() => recordingClient({ cohortSyncConfig: { apiKey: 'a' } as never })).toThrow(/apiKey and secretKey/);
    expect(() => recordingClient({ cohortSyncConfig: { apiKey: 'a', secretKey: 's', cohortServerUrl: 'ftp://x' } })).toThrow(/cohortServerUrl/);
  });
});

describe('withAmplitudeCohorts', () => {
  const syncer = {
    cohortIdsOf: (type: string, id: string) => (type === 'User' && id === 'u1' ? ['c1', 'c2'] : type === 'org' && id === 'acme' ? ['c9'] : []),
    apply: async () => undefined,
    settled: async () => undefined,
    held: () => [],
    close() {},
  };
  const targets = new Map([
    ['User', new Set(['c1', 'c3'])],
    ['org', new Set(['c9'])],
  ]);

  it("replaces the targeted cohort ids with the synced ones, as Amplitude's local client does, without changing the caller object", () => {
    const user = { user_id: 'u1', cohort_ids: ['mine'], groups: { org: ['acme'] }, group_cohort_ids: { org: { acme: ['given'] }, team: { red: ['kept'] } } };
    const before = structuredClone(user);
    // c2 is synced but no condition names it; the caller's ids are replaced.
    expect(withAmplitudeCohorts(user, targets, syncer)).toEqual({
      user_id: 'u1',
      cohort_ids: ['c1'],
      groups: { org: ['acme'] },
      group_cohort_ids: { org: { acme: ['c9'] }, team: { red: ['kept'] } },
    });
    expect(user).toEqual(before);
  });

  it('lists no targeted cohort without cohort sync, and keeps the ids of a user without user_id', () => {
    expect(withAmplitudeCohorts({ user_id: 'u1', cohort_ids: ['c1'] }, targets, null)).toEqual({ user_id: 'u1', cohort_ids: [] });
    const deviceOnly = { device_id: 'd1', cohort_ids: ['c1'] };
    expect(withAmplitudeCohorts(deviceOnly, targets, syncer)).toBe(deviceOnly);
    // A group named as text: Amplitude reads its first character as the group name.
    expect(withAmplitudeCohorts({ device_id: 'd1', groups: { org: 'acme' } } as never, targets, syncer)).toEqual({ device_id: 'd1', groups: { org: 'acme' }, group_cohort_ids: { org: { a: [] } } });
  });

  it('returns the user as it is for a datafile without cohort conditions', () => {
    const user = { user_id: 'u1', cohort_ids: ['mine'] };
    expect(withAmplitudeCohorts(user, new Map(), syncer)).toBe(user);
  });
});

describe('fetchQualifiedSegments edge cases', () => {
  it('resolves false for an invalid user id without a request, and survives a throwing callback', async () => {
    const { client, requests } = recordingClient({ odp: { host: 'https://odp.option', publicKey: 'pk' } });
    expect(await client.createUserContext('' as string).fetchQualifiedSegments()).toBe(false);
    expect(requests).toHaveLength(0);
    const user = client.createUserContext('u1');
    await expect(
      user.fetchQualifiedSegments(() => {
        throw new Error('callback bug');
      }),
    ).resolves.toBe(true);
    expect(user.getQualifiedSegments()).toEqual(['vip']);
    expect(user.decide('vip').variationKey).toBe('on');
    await client.close();
  });
});
