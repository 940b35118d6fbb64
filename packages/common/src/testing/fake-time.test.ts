import { describe, expect, it } from 'vitest';
import { createFakeScheduler } from './fake-time.js';

describe('the fake scheduler', () => {
  it('runs timeouts and intervals in due order when time advances', () => {
    const scheduler = createFakeScheduler();
    const fired: string[] = [];
    scheduler.setTimeout(() => fired.push(`t150@${scheduler.clock.now()}`), 150);
    const every = scheduler.setInterval(() => fired.push(`i@${scheduler.clock.now()}`), 100);
    scheduler.advance(250);
    expect(fired).toEqual(['i@100', 't150@150', 'i@200']);
    every.cancel();
    scheduler.advance(1000);
    expect(fired).toHaveLength(3);
    expect(scheduler.pending()).toBe(0);
  });

  it('lets promises settle between timers with advanceAsync', async () => {
    const scheduler = createFakeScheduler();
    const seen: number[] = [];
    scheduler.setTimeout(() => {
      void Promise.resolve().then(() => seen.push(scheduler.clock.now()));
    }, 10);
    await scheduler.advanceAsync(20);
    expect(seen).toEqual([10]);
  });
});
