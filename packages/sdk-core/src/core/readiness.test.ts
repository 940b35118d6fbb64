import { createFakeScheduler } from '@ensign/common/testing';
import { describe, expect, it } from 'vitest';
import { createReadiness } from './readiness.js';

describe('createReadiness', () => {
  it('resolves a pending wait with success once marked ready, and cancels its timer', async () => {
    const scheduler = createFakeScheduler();
    const readiness = createReadiness(scheduler);
    const pending = readiness.wait(1_000);
    expect(scheduler.pending()).toBe(1);
    readiness.markReady();
    await expect(pending).resolves.toEqual({ success: true });
    expect(scheduler.pending()).toBe(0);
    await expect(readiness.wait(1_000)).resolves.toEqual({ success: true });
  });

  it('resolves { success: false } with a reason when the timeout passes first', async () => {
    const scheduler = createFakeScheduler();
    const readiness = createReadiness(scheduler);
    let settled = false;
    const pending = readiness.wait(500).then((r) => {
      settled = true;
      return r;
    });
    scheduler.advance(499);
    await Promise.resolve();
    expect(settled).toBe(false);
    scheduler.advance(1);
    await expect(pending).resolves.toEqual({ success: false, reason: 'not ready after 500 ms' });
  });

  it('answers a failure at once after the first datafile failed, until a good one arrives', async () => {
    const scheduler = createFakeScheduler();
    const readiness = createReadiness(scheduler);
    const early = readiness.wait(10_000);
    readiness.markFailed('datafile rejected: flags: Required');
    await expect(early).resolves.toEqual({ success: false, reason: 'datafile rejected: flags: Required' });
    await expect(readiness.wait(10_000)).resolves.toEqual({ success: false, reason: 'datafile rejected: flags: Required' });
    readiness.markReady();
    await expect(readiness.wait(10_000)).resolves.toEqual({ success: true });
    expect(readiness.isReady()).toBe(true);
  });

  it('resolves every pending wait with "client closed" on close and leaves no timer', async () => {
    const scheduler = createFakeScheduler();
    const readiness = createReadiness(scheduler);
    const a = readiness.wait(1_000);
    const b = readiness.wait(2_000);
    readiness.close();
    await expect(a).resolves.toEqual({ success: false, reason: 'client closed' });
    await expect(b).resolves.toEqual({ success: false, reason: 'client closed' });
    expect(scheduler.pending()).toBe(0);
    await expect(readiness.wait(1)).resolves.toEqual({ success: false, reason: 'client closed' });
  });
});
