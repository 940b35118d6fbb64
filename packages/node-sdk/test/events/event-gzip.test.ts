// Event bodies on Node: gzip at level 1 on the thread pool, through sdk-core's HTTP dispatcher and the Node HttpClient.
import { gzipSync } from 'node:zlib';
import { isEnsignError } from '@ensign/common';
import type { EventBatch } from '@ensign/event-pipeline';
import { describe, expect, it } from 'vitest';
import { createNodeGzip } from '../../src/index.js';
import { createNodeDispatcher as createHttpDispatcher } from './node-dispatcher.js';
import { startLoopbackServer } from './loopback-server.js';

const US_PRO = { country: 'US', plan: 'pro' } as const;

describe('event gzip on Node', () => {
  it('gzips at level 1 by default, and the body decodes to the batch', async () => {
    const server = await startLoopbackServer(() => ({ status: 202 }));
    try {
      const batch: EventBatch = { schemaVersion: 1, batchId: 'b', sentAt: 1, events: Array.from({ length: 200 }, (_, i) => ({ kind: 'identify', id: `e${i}`, timestamp: 1, context: { kind: 'user', key: `user-${i}`, ...US_PRO } })) };
      const dispatcher = createHttpDispatcher({ url: server.url, sdkKey: 'sdk-key-0123456789', gzipThresholdBytes: 0 });
      expect(await dispatcher.dispatch(batch, { attempt: 1 })).toMatchObject({ delivered: true });
      expect(server.requests[0]?.headers['content-encoding']).toBe('gzip');
      expect(server.requests[0]?.batch).toEqual(batch);
      const json = Buffer.from(JSON.stringify(batch), 'utf8');
      expect(server.requests[0]?.rawLength).toBe(gzipSync(json, { level: 1 }).length);
      expect(server.requests[0]?.rawLength).toBeLessThan(json.length / 5);
    } finally {
      await server.close();
    }
  });

  it('createNodeGzip throws INVALID_OPTIONS for a level outside 1 to 9', () => {
    for (const gzipLevel of [0, 10, 1.5]) {
      let error: unknown;
      try {
        createNodeGzip(gzipLevel);
      } catch (e) {
        error = e;
      }
      expect(isEnsignError(error) && error.code).toBe('INVALID_OPTIONS');
    }
  });
});
