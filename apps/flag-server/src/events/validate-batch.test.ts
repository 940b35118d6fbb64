import { describe, expect, it } from 'vitest';
import { validateBatch } from './validate-batch.js';

const conversion = { kind: 'conversion', id: 'e1', timestamp: 1, context: { kind: 'user', key: 'u' }, eventKey: 'purchase' };

describe('validateBatch', () => {
  it('accepts a batch of schema version 1 and keeps extra fields', () => {
    const result = validateBatch({ schemaVersion: 1, batchId: 'b', sentAt: 2, events: [{ ...conversion, future: true }] }, 10);
    expect(result).toEqual({ ok: true, batch: { batchId: 'b', sentAt: 2, events: [{ ...conversion, future: true }] } });
  });
  it.each([
    [null, 'batch object'],
    [{ schemaVersion: 1, batchId: 'b', sentAt: 1, events: {} }, 'events must be an array'],
    [{ schemaVersion: 1, batchId: 'b', sentAt: 1, events: [conversion, conversion, conversion] }, 'at most 2'],
    [{ schemaVersion: 1, batchId: 'b', sentAt: 1, events: [{ ...conversion, kind: '__proto__' }] }, 'events[0].kind'],
    [{ schemaVersion: 1, batchId: 'b', sentAt: 1, events: [{ ...conversion, timestamp: 'now' }] }, 'events[0].timestamp'],
    [{ schemaVersion: 1, batchId: 'b', sentAt: 1, events: [{ ...conversion, id: 'x'.repeat(300) }] }, 'events[0].id'],
    [{ schemaVersion: 1, batchId: 'b', sentAt: 1, events: [{ ...conversion, context: null }] }, 'events[0].context'],
  ])('refuses %j', (body, message) => {
    const result = validateBatch(body, 2);
    expect(result.ok).toBe(false);
    expect((result as { error: string }).error).toContain(message);
  });
});
