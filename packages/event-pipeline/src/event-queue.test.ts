import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventQueue } from './event-queue.js';

describe('createEventQueue', () => {
  it('gives items back first in, first out', () => {
    const q = createEventQueue<number>();
    q.push(1, 10);
    q.push(2, 20);
    q.push(3, 30);
    expect(q.bytes).toBe(60);
    expect(q.shift()).toBe(1);
    expect(q.bytes).toBe(50);
    expect(q.take(5)).toEqual([2, 3]);
    expect(q.size).toBe(0);
    expect(q.bytes).toBe(0);
    expect(q.shift()).toBeUndefined();
  });

  it('behaves like an array (and keeps the sum of sizes) under any sequence of push, shift and take', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant<['push']>(['push']), fc.constant<['shift']>(['shift']), fc.tuple(fc.constant('take' as const), fc.integer({ min: 0, max: 1500 }))), { maxLength: 80 }),
        (ops) => {
          const q = createEventQueue<number>();
          const model: number[] = [];
          let next = 0;
          for (const op of ops) {
            if (op[0] === 'push') {
              // push in bursts so the head moves past the compaction threshold
              for (let i = 0; i < 700; i++) {
                q.push(next, next % 7);
                model.push(next++);
              }
            } else if (op[0] === 'shift') expect(q.shift()).toBe(model.shift());
            else expect(q.take(op[1])).toEqual(model.splice(0, op[1]));
            expect(q.size).toBe(model.length);
            expect(q.bytes).toBe(model.reduce((sum, n) => sum + (n % 7), 0));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
