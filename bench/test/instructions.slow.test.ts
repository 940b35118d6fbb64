// The instruction harness end to end, under valgrind: the child marks its measured part, callgrind_control switches
// instrumentation on and off there, and only that part is counted (`pnpm bench:instructions`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countInstructions } from '../src/instructions/callgrind.js';
import { bundleChild } from '../src/neutral/bundle.js';

const out = mkdtempSync(join(tmpdir(), 'ensign-cg-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('bench:instructions under callgrind', () => {
  it('counts the measured calls only, and more calls count more', async () => {
    const bundle = await bundleChild();
    const zero = await countInstructions(bundle, ['W1', 'baseline', 'count', '0'], out, 'zero', 170_000);
    const some = await countInstructions(bundle, ['W1', 'baseline', 'count', '2000'], out, 'some', 170_000);
    expect(zero.child).toMatchObject({ workload: 'W1', row: 'baseline', mode: 'count', calls: 0 });
    expect(some.child.calls).toBe(2000);
    // Start-up, the pool of 60 000 users and the 20 000 warm-up calls are outside the counted part: a whole node process runs
    // billions of instructions before its first call, the counted part of the run with 0 calls a few million.
    expect(zero.instructions).toBeGreaterThan(0);
    expect(zero.instructions).toBeLessThan(50_000_000);
    // 2 000 calls of the baseline (a murmur3 over a 36-character key each) cost more than nothing and less than a
    // hundred thousand instructions per call.
    const perCall = (some.instructions - zero.instructions) / 2000;
    expect(perCall).toBeGreaterThan(100);
    expect(perCall).toBeLessThan(100_000);
  }, 180_000);
});
