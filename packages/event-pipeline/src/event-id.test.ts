import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventIdGenerator, createEventIdSequence, renderEventId } from './event-id.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createEventIdGenerator', () => {
  it('keeps the first 24 characters of one randomUUID and counts in the last 12 hex digits', () => {
    let calls = 0;
    const next = createEventIdGenerator(() => {
      calls++;
      return '1f2e3d4c-5b6a-4798-8a6b-5c4d3e2f1a0b';
    });
    expect([next(), next(), next()]).toEqual([
      '1f2e3d4c-5b6a-4798-8a6b-000000000000',
      '1f2e3d4c-5b6a-4798-8a6b-000000000001',
      '1f2e3d4c-5b6a-4798-8a6b-000000000002',
    ]);
    expect(calls).toBe(1);
  });

  it('gives ids in the layout of a version-4 UUID, never twice', () => {
    const next = createEventIdGenerator(() => globalThis.crypto.randomUUID());
    const ids = Array.from({ length: 10_000 }, next);
    expect(ids.every((id) => UUID_V4.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes any sequence number below 2^48 as its 12 hex digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 2 }), (n) => {
        const next = createEventIdGenerator(() => '00000000-0000-4000-8000-000000000000', n);
        expect(next().slice(24)).toBe(n.toString(16).padStart(12, '0'));
        expect(next().slice(24)).toBe((n + 1).toString(16).padStart(12, '0'));
      }),
      { numRuns: 200 },
    );
  });

  it('carries from the low 24 bits into the high ones', () => {
    const next = createEventIdGenerator(() => 'aaaaaaaa-aaaa-4aaa-aaaa-aaaaaaaaaaaa', 0xffffff);
    expect(next().slice(24)).toBe('000000ffffff');
    expect(next().slice(24)).toBe('000001000000');
  });

  it('draws a new prefix after 2^48 ids instead of repeating one', () => {
    const prefixes = ['aaaaaaaa-aaaa-4aaa-aaaa-', 'bbbbbbbb-bbbb-4bbb-bbbb-'];
    let n = 0;
    const next = createEventIdGenerator(() => `${prefixes[n++]}000000000000`, 2 ** 48 - 1);
    expect(next()).toBe('aaaaaaaa-aaaa-4aaa-aaaa-ffffffffffff');
    expect(next()).toBe('bbbbbbbb-bbbb-4bbb-bbbb-000000000000');
  });
});

describe('createEventIdSequence', () => {
  it('reserves the ids next() would give, in the same order (across a carry), and renders them later', () => {
    const uuid = () => 'aaaaaaaa-aaaa-4aaa-aaaa-000000000000';
    const plain = createEventIdGenerator(uuid, 2 ** 24 - 2);
    const sequence = createEventIdSequence(uuid, 2 ** 24 - 2);
    const expected = [plain(), plain(), plain(), plain()];
    const aHead = sequence.head.text;
    const a = sequence.reserve();
    const b = sequence.next();
    const cHead = sequence.head.text;
    const c = sequence.reserve();
    expect([renderEventId(aHead, a), b, renderEventId(cHead, c)]).toEqual(expected.slice(0, 3));
    expect(sequence.next()).toBe(expected[3]);
  });
});
