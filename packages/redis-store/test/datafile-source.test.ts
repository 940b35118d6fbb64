import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DatafileSink } from '@ensign/common';
import { createRedisDatafileChannel, createRedisDatafileSource } from '../src/index.js';
import { cleanPrefix, testRedis, uniquePrefix, until } from './redis-helpers.js';

const redis = testRedis();
let prefix = '';
afterEach(() => cleanPrefix(redis, prefix));
afterAll(() => redis.quit());

function recordingSink() {
  const updates: { document: unknown; revision: string | undefined }[] = [];
  const errors: { message: string; retrying: boolean }[] = [];
  const sink: DatafileSink = {
    update: (document, meta) => updates.push({ document, revision: meta?.revision }),
    error: (e) => errors.push({ message: e.message, retrying: e.retrying }),
  };
  return { sink, updates, errors };
}

describe('createRedisDatafileSource', () => {
  it('starts from the stored datafile and follows published changes', async () => {
    prefix = uniquePrefix('datafile');
    const writer = createRedisDatafileChannel({ redis, prefix, origin: 'flag-server-1' });
    await writer.write('production', '{"v":1}', 'rev-1');
    await writer.write('staging', '{"s":1}', 'rev-s');
    const source = createRedisDatafileSource({ redis, prefix, environment: 'production' });
    const { sink, updates } = recordingSink();
    source.start(sink);
    await until(() => updates.length === 1);
    expect(updates[0]).toEqual({ document: '{"v":1}', revision: 'rev-1' });
    await new Promise((r) => setTimeout(r, 50)); // let the subscription settle
    await writer.write('staging', '{"s":2}', 'rev-s2');
    await writer.write('production', '{"v":2}', 'rev-2');
    await until(() => updates.length === 2);
    expect(updates[1]).toEqual({ document: '{"v":2}', revision: 'rev-2' });
    await source.close();
    await writer.close();
  });

  it('reports a retrying error while Redis holds nothing, then picks the datafile up', async () => {
    prefix = uniquePrefix('datafile-empty');
    const source = createRedisDatafileSource({ redis, prefix, environment: 'production', retryMs: 50 });
    const { sink, updates, errors } = recordingSink();
    source.start(sink);
    await until(() => errors.length >= 1);
    expect(errors[0]).toMatchObject({ retrying: true });
    await redis.hset(`${prefix}datafile:production`, 'datafile', '{"v":9}', 'revision', 'r9');
    await until(() => updates.length === 1);
    expect(updates[0]?.revision).toBe('r9');
    await source.close();
  });

  it('never throws when Redis is unreachable: errors go to the sink', async () => {
    prefix = uniquePrefix('datafile-down');
    const source = createRedisDatafileSource({ url: 'redis://127.0.0.1:1', prefix, environment: 'production', timeoutMs: 100, retryMs: 10_000 });
    const { sink, updates, errors } = recordingSink();
    source.start(sink);
    await until(() => errors.length >= 1);
    expect(updates).toHaveLength(0);
    expect(errors[0]?.retrying).toBe(true);
    await source.close();
  });

  it('requires an environment', () => {
    expect(() => createRedisDatafileSource({ environment: '' })).toThrow(TypeError);
  });
});
