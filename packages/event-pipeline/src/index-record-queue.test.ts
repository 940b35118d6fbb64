// The pieces index records go through on their way to a batch: boxed id heads, the queue's deferred records (their
// numbers three to a position), and the key set's backward shift at the end of its table.
import { createFakeClock } from '@ensign/common/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createContextKeySet } from './context-key-set.js';
import { createEventIdGenerator, createEventIdSequence, createIdHeadRenderer, renderEventId } from './event-id.js';
import type { IdHead } from './event-id.js';
import { createEventQueue } from './event-queue.js';
import { createClaimingLruCache } from './lru-cache.js';

describe('boxed id heads', () => {
  it('renders the ids next() would give, across a carry into the next head', () => {
    const uuid = () => 'aaaaaaaa-aaaa-4aaa-aaaa-000000000000';
    const plain = createEventIdGenerator(uuid, 2 ** 24 - 3);
    const sequence = createEventIdSequence(uuid, 2 ** 24 - 3);
    const render = createIdHeadRenderer();
    const reserved: [IdHead, number][] = [];
    for (let i = 0; i < 6; i += 1) {
      const head = sequence.head;
      reserved.push([head, sequence.reserve()]);
    }
    const expected = Array.from({ length: 6 }, () => plain());
    expect(reserved.map(([head, low]) => render(head, low))).toEqual(expected);
    expect(reserved.map(([head, low]) => renderEventId(head.text, low))).toEqual(expected);
    // A new box at the carry, the same box within a head.
    expect(reserved[0]?.[0]).toBe(reserved[2]?.[0]);
    expect(reserved[3]?.[0]).not.toBe(reserved[2]?.[0]);
    expect(reserved[3]?.[0]).toBe(reserved[5]?.[0]);
  });

  it('tells heads apart by their box, whatever the order of ids', () => {
    const render = createIdHeadRenderer();
    const heads: IdHead[] = [{ text: 'aaaaaaaa-aaaa-4aaa-aaaa-000000' }, { text: 'bbbbbbbb-bbbb-4bbb-bbbb-000001' }];
    for (const low of [0, 1, 4_095, 4_096, 4_097, 0xffffff, 12, 0x123456]) {
      for (const head of heads) expect(render(head, low)).toBe(renderEventId(head.text, low));
    }
  });
});

describe('deferred records in the queue', () => {
  type Item = { plain: number } | { record: number; head: string; low: number; timestamp: number };
  const build = (record: unknown, head: IdHead, low: number, timestamp: number): Item => ({ record: record as number, head: head.text, low, timestamp });

  it('gives plain items and built records back in order, with their sizes summed, across growth and compaction', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant<['push']>(['push']), fc.constant<['shift']>(['shift']), fc.tuple(fc.constant('take' as const), fc.integer({ min: 0, max: 1_500 }))), { maxLength: 40 }),
        (ops) => {
          const q = createEventQueue<Item>(build);
          const model: { item: Item; size: number }[] = [];
          const heads: IdHead[] = [{ text: 'h0' }, { text: 'h1' }];
          let next = 0;
          for (const op of ops) {
            if (op[0] === 'push') {
              for (let i = 0; i < 700; i += 1) {
                const n = next++;
                const size = (n % 11) + 1;
                if (n % 3 === 0) {
                  q.push({ plain: n }, size);
                  model.push({ item: { plain: n }, size });
                } else {
                  const head = heads[n % 2] as IdHead;
                  const timestamp = 1_700_000_000_000 + n;
                  q.pushDeferred(n, size, head, n & 0xffffff, timestamp);
                  model.push({ item: { record: n, head: head.text, low: n & 0xffffff, timestamp }, size });
                }
              }
            } else if (op[0] === 'shift') expect(q.shift()).toEqual(model.shift()?.item);
            else {
              const out = q.take(op[1]);
              expect(out).toEqual(model.splice(0, op[1]).map((m) => m.item));
              expect(out.every((_, i) => i in out)).toBe(true); // no holes
            }
            expect(q.size).toBe(model.length);
            expect(q.bytes).toBe(model.reduce((sum, m) => sum + m.size, 0));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('the key set at the end of its table', () => {
  it('answers as the LRU cache does when runs wrap around the table (a tiny table, many keys, many evictions)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 50, maxLength: 400 }), (seed, picks) => {
        const clock = createFakeClock(0);
        // Capacity 4: a table of 16 positions, so probe runs cross its end often.
        const keys = createContextKeySet({ capacity: 4, ttlMs: Infinity, clock, seed });
        const lru = createClaimingLruCache<true>({ capacity: 4, ttlMs: Infinity, clock });
        for (const p of picks) {
          const key = `k-${p}`;
          if (p % 13 === 0) {
            keys.delete(key);
            lru.delete(key);
          } else expect(keys.claim(key, 0)).toBe(lru.claim(key, true, 0));
          expect(keys.size).toBe(lru.size);
        }
      }),
      { numRuns: 200 },
    );
  });
});
