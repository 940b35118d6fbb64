import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFakeScheduler } from '@ensign/common/testing';
import { createClient, OptimizelySegmentOption } from '@ensign/node-sdk';
import type { EnsignClient } from '@ensign/node-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlagServer } from '../src/index.js';
import { makeDataDir, PROD_KEY, removeDir, startTestServer } from './helpers.js';
import { membershipDatafile, pushSource, writeSegments } from './membership-fixtures.js';

const graphql = (server: FlagServer, query: unknown, key: string | null = PROD_KEY) =>
  fetch(`${server.url}/v3/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) }, body: JSON.stringify(query) });

describe('ODP segments against the flag server', () => {
  let dir: string;
  let server: FlagServer;
  let client: EnsignClient | null = null;
  const scheduler = createFakeScheduler();

  beforeEach(async () => {
    dir = await makeDataDir();
    await writeSegments(dir, { 'user-vip': ['vip'], 'vuid_0123456789': ['beta'] });
    server = await startTestServer(dir);
  });
  afterEach(async () => {
    await client?.close();
    client = null;
    await server.close();
    await removeDir(dir);
  });

  const start = (text = membershipDatafile(server.url), odp: Record<string, unknown> = {}) => {
    const source = pushSource(text);
    client = createClient({ datafileSource: source, logger: { debug() {}, info() {}, warn() {}, error() {} }, clock: scheduler.clock, scheduler, odp });
    return { client, source };
  };

  it('decides a qualified user "on" and an unqualified one "off" through decide', async () => {
    const { client } = start();
    const vip = client.createUserContext('user-vip');
    const plain = client.createUserContext('user-plain');
    expect(vip.getQualifiedSegments()).toBeNull();
    expect(await vip.fetchQualifiedSegments()).toBe(true);
    expect(await plain.fetchQualifiedSegments()).toBe(true);
    expect(vip.qualifiedSegments).toEqual(['vip']);
    expect(vip.isQualifiedFor('vip')).toBe(true);
    expect(plain.getQualifiedSegments()).toEqual([]);
    expect(vip.decide('vip-banner').variationKey).toBe('on');
    expect(plain.decide('vip-banner').variationKey).toBe('off');
  });

  it('asks with the vuid key for vuid_ ids, and takes the callback form', async () => {
    const { client } = start();
    const visitor = client.createUserContext('vuid_0123456789');
    const seen: boolean[] = [];
    expect(await visitor.fetchQualifiedSegments((ok) => seen.push(ok))).toBe(true);
    expect(seen).toEqual([true]);
    expect(visitor.decide('beta-banner').variationKey).toBe('on');
  });

  it('answers from the cache until the timeout, then asks the server again', async () => {
    const { client } = start(undefined, { segmentsCacheTimeoutMs: 60_000 });
    expect(await client.createUserContext('user-plain').fetchQualifiedSegments()).toBe(true);
    await writeSegments(dir, { 'user-plain': ['vip'] });
    const cached = client.createUserContext('user-plain');
    await cached.fetchQualifiedSegments();
    expect(cached.getQualifiedSegments()).toEqual([]);
    scheduler.clock.advance(60_000);
    const fresh = client.createUserContext('user-plain');
    await fresh.fetchQualifiedSegments();
    expect(fresh.getQualifiedSegments()).toEqual(['vip']);
    expect(fresh.decide('vip-banner').variationKey).toBe('on');
  });

  it('IGNORE_CACHE and RESET_CACHE reach the server; a new datafile empties the cache', async () => {
    const { client, source } = start();
    await client.createUserContext('user-plain').fetchQualifiedSegments();
    await writeSegments(dir, { 'user-plain': ['vip'] });
    const ignoring = client.createUserContext('user-plain');
    await ignoring.fetchQualifiedSegments([OptimizelySegmentOption.IGNORE_CACHE]);
    expect(ignoring.getQualifiedSegments()).toEqual(['vip']);
    const cached = client.createUserContext('user-plain');
    await cached.fetchQualifiedSegments();
    expect(cached.getQualifiedSegments()).toEqual([]); // IGNORE_CACHE did not write the cache
    const resetting = client.createUserContext('user-plain');
    await resetting.fetchQualifiedSegments([OptimizelySegmentOption.RESET_CACHE]);
    expect(resetting.getQualifiedSegments()).toEqual(['vip']);

    await writeSegments(dir, { 'user-plain': [] });
    source.push(membershipDatafile(server.url, '101'));
    const afterUpdate = client.createUserContext('user-plain');
    await afterUpdate.fetchQualifiedSegments();
    expect(afterUpdate.getQualifiedSegments()).toEqual([]);
  });

  it('answers "unknown" without throwing when the server fails or refuses the key', async () => {
    const { client } = start(undefined, { publicKey: 'not-a-key' });
    const user = client.createUserContext('user-vip');
    user.setQualifiedSegments(['stale']);
    expect(await user.fetchQualifiedSegments()).toBe(false);
    expect(user.getQualifiedSegments()).toBeNull();
    expect(user.decide('vip-banner').variationKey).toBe('off');
  });

  it('answers "unknown" when the segments file is broken, and false when ODP is not integrated', async () => {
    const { client } = start();
    await writeSegments(dir, { 'user-vip': 'vip' as unknown as string[] });
    expect(await client.createUserContext('user-vip').fetchQualifiedSegments()).toBe(false);
    const bare = createClient({ datafile: membershipDatafile(null), logger: { debug() {}, info() {}, warn() {}, error() {} } });
    expect(await bare.createUserContext('user-vip').fetchQualifiedSegments()).toBe(false);
    await bare.close();
  });

  it("accepts the datafile's own odp publicKey besides the SDK keys", async () => {
    await writeFile(join(dir, 'production.json'), membershipDatafile(server.url, '100', 'odp-public-key-1'));
    await server.reload();
    const { client } = start(membershipDatafile(server.url, '100', 'odp-public-key-1'));
    const vip = client.createUserContext('user-vip');
    expect(await vip.fetchQualifiedSegments()).toBe(true);
    expect(vip.decide('vip-banner').variationKey).toBe('on');
  });

  it('takes an assignment to qualifiedSegments as setQualifiedSegments', () => {
    const { client } = start();
    const user = client.createUserContext('user-plain');
    user.qualifiedSegments = ['vip'];
    expect(user.getQualifiedSegments()).toEqual(['vip']);
    expect(user.decide('vip-banner').variationKey).toBe('on');
  });

  it('validates the query shape and the key with clear GraphQL errors', async () => {
    const bad = await graphql(server, { query: '{ __schema { types { name } } }' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/only the ODP segments query/);
    const noKey = await graphql(server, { query: 'query {customer(fs_user_id: "u") {audiences(subset: []) {edges {node {name state}}}}}' }, null);
    expect(noKey.status).toBe(401);
    const ok = await graphql(server, { query: 'query {customer(fs_user_id: "user-vip") {audiences(subset: ["vip","beta"]) {edges {node {name state}}}}}' });
    expect(await ok.json()).toEqual({ data: { customer: { audiences: { edges: [{ node: { name: 'vip', state: 'qualified' } }, { node: { name: 'beta', state: 'not_qualified' } }] } } } });
  });

  it('delivers identify events and sendOdpEvent events to the server', async () => {
    const { client } = start();
    client.createUserContext('user-42', { vuid: 'vuid_abcdef0123' });
    client.createUserContext('user-43'); // one identifier: no identify event
    expect(client.sendOdpEvent({ action: 'purchased', identifiers: { fs_user_id: 'user-42' }, data: { amount: 12 } })).toBe(true);
    expect(client.sendOdpEvent({ action: '', identifiers: { fs_user_id: 'user-42' } })).toBe(false);
    await client.flush();
    const response = await fetch(`${server.url}/v1/odp/events`, { headers: { 'x-api-key': PROD_KEY } });
    const { events } = (await response.json()) as { events: { type: string; action: string; identifiers: Record<string, string>; data: Record<string, unknown> }[] };
    expect(events.map((e) => [e.type, e.action, e.identifiers])).toEqual([
      ['fullstack', 'identified', { fs_user_id: 'user-42', vuid: 'vuid_abcdef0123' }],
      ['fullstack', 'purchased', { fs_user_id: 'user-42' }],
    ]);
    expect(events[1]?.data).toMatchObject({ amount: 12, data_source_type: 'sdk' });
  });
});
