// Smoke test of the neutral workload and of the instruction harness's pieces, at tiny call counts (nothing timed):
// the users are fresh UUIDs, the baseline buckets exactly as Ensign does, every row runs, W4 delivers its events
// with no drop, W4's floor sends what Ensign sends, and the callgrind summary line is read.
import { spawnSync } from 'node:child_process';
import { murmur3 } from '@ensign/evaluator-core/bucketing';
import { describe, expect, it } from 'vitest';
import { totalInstructions } from '../src/instructions/callgrind.js';
import { compilingPerCall, perfMap, profileLines, selfCosts } from '../src/instructions/profile.js';
import { WORKLOADS, findWorkload } from '../src/instructions/workloads/index.js';
import { bundleChild } from '../src/neutral/bundle.js';
import { hashKey, prefixState } from '../src/neutral/murmur.js';
import { warmupCalls } from '../src/neutral/op.js';
import { settleHeap } from '../src/neutral/settle.js';
import { createNeutralPool } from '../src/neutral/users.js';
import { baselineOn, leastDecide } from '../src/neutral/subjects/baseline.js';
import { createLeastRecorder } from '../src/neutral/subjects/least-events.js';

describe('the neutral users', () => {
  it('are distinct 36-character v4 UUIDs with seven attributes, the same for the same seed', () => {
    const pool = createNeutralPool(2_000);
    expect(new Set(pool.ids).size).toBe(2_000);
    for (const id of pool.ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(createNeutralPool(10).ids).toEqual(pool.ids.slice(0, 10));
    const matching = pool.ids.filter((_, n) => (pool.countries[n] === 'US' || pool.countries[n] === 'CA') && pool.plans[n] === 'pro').length;
    expect(matching).toBe(500);
    expect([pool.emails, pool.versions, pool.ages, pool.betas].every((a) => a.length === 2_000)).toBe(true);
  });
});

describe('the baseline', () => {
  it('hashes as murmur3 of the concatenation', () => {
    const pool = createNeutralPool(200);
    for (const prefix of ['flag-7/', 'flag-12/', 'f/', 'abcd/']) {
      for (const id of pool.ids) expect(hashKey(prefixState(prefix), id)).toBe(murmur3(`${prefix}${id}`));
    }
  });

  it('decides as Ensign for every W1 call', async () => {
    const pool = createNeutralPool(1_000);
    const w1 = findWorkload('W1')!;
    const base = await w1.rows.find((r) => r.name === 'baseline')!.setup(pool);
    const ensign = await w1.rows.find((r) => r.name === 'ensign-evaluateFlag')!.setup(pool);
    let on = 0;
    for (let i = 0; i < pool.size; i++) {
      const value = (ensign.run(i) as { value: unknown }).value;
      expect(base.run(i)).toBe(value);
      if (value === true) on++;
    }
    expect(on).toBeGreaterThan(500);
    expect(on).toBeLessThan(750);
  });

  it('decides the same through least-sdk, which reads the call\'s context', async () => {
    const pool = createNeutralPool(1_000);
    const w1 = findWorkload('W1')!;
    const base = await w1.rows.find((r) => r.name === 'baseline')!.setup(pool);
    const least = await w1.rows.find((r) => r.name === 'least-sdk')!.setup(pool);
    for (let i = 0; i < pool.size; i++) expect(least.run(i), `call ${i}`).toBe(base.run(i));
    // It reads the context it is given: a rule match whatever the key, otherwise the baseline's bucket of its key.
    const flag = { prefix: prefixState('flag-3/'), split: 50_000 };
    expect(leastDecide(flag, { kind: 'user', key: 'any', country: 'CA', plan: 'pro' })).toBe(true);
    for (let j = 0; j < 200; j++) {
      const context = { kind: 'user', key: pool.ids[j], country: 'DE', plan: 'pro' };
      expect(leastDecide(flag, context)).toBe(baselineOn(flag, pool.ids[j] as string, 'DE', 'pro'));
    }
  });
});

describe('the workloads', () => {
  it('run every instruction-counted row for a few calls', async () => {
    const pool = createNeutralPool(40);
    for (const w of WORKLOADS) {
      for (const row of w.rows.filter((r) => r.instructions)) {
        const op = await row.setup(pool);
        for (let i = 0; i < 40; i++) expect(op.run(i), `${w.name} ${row.name}`).toBeDefined();
        await op.finish?.();
      }
    }
    // W3's rows are 40 inits of 10 000 flags each (about 10 s on the shared machine).
  }, 90_000);

  it('warm up wall-clock samples past background compilation, and callgrind runs as before', () => {
    const w1 = findWorkload('W1')!;
    const w2 = findWorkload('W2')!;
    expect(warmupCalls(w1, 'count')).toBe(20_000);
    expect(warmupCalls(w1, 'time')).toBe(200_000);
    expect(warmupCalls(findWorkload('W4')!, 'time')).toBe(200_000);
    // W2 (100 flags per call) is steady after its 5 000 calls in both modes.
    expect(warmupCalls(w2, 'time')).toBe(w2.warmup);
    for (const w of WORKLOADS) expect(warmupCalls(w, 'time'), w.name).toBeGreaterThanOrEqual(warmupCalls(w, 'count'));
  });

  it('collect the setup\'s garbage before the measured part', async () => {
    const dropped = (() => new WeakRef({ setup: new Array(1_000).fill('garbage') }))();
    const kept = { setup: 'kept' };
    const held = new WeakRef(kept);
    // A WeakRef's target stays alive until the job that made it ends.
    await new Promise((resolve) => setImmediate(resolve));
    settleHeap();
    settleHeap(); // again: the collector is looked up once
    expect(dropped.deref()).toBeUndefined();
    expect(held.deref()).toBe(kept);
  });

  it('refuse to count more calls than the pool has users, before anything is measured', async () => {
    const bundle = await bundleChild();
    // Count mode: the pool holds the users of `poolCalls` (W1's 40 000 by default), the same for the runs with 0 and N.
    for (const args of [['50000'], ['10', '5'], ['-1']]) {
      const child = spawnSync(process.execPath, [bundle, 'W1', 'baseline', 'count', ...args], { input: '', encoding: 'utf8', timeout: 60_000 });
      expect(child.status, args.join(' ')).toBe(1);
      expect(child.stderr).toMatch(/calls must be a whole number of at most the pool's/);
      expect(child.stdout).not.toContain('#ensign:measure');
    }
  }, 90_000);

  it('W1\'s context-only row builds the context of every SDK row and does nothing else', async () => {
    const pool = createNeutralPool(5);
    const op = await findWorkload('W1')!.rows.find((r) => r.name === 'context-only')!.setup(pool);
    expect(op.run(3)).toEqual({ kind: 'user', key: pool.ids[3], country: pool.countries[3], plan: pool.plans[3], email: pool.emails[3], appVersion: pool.versions[3], age: pool.ages[3], beta: pool.betas[3] });
    expect(op.run(3)).not.toBe(op.run(3));
  });

  it('W4 delivers the events of Ensign with events on, with no drop', async () => {
    const pool = createNeutralPool(300);
    const row = findWorkload('W4')!.rows.find((r) => r.name === 'ensign-variation-events')!;
    const op = await row.setup(pool);
    for (let i = 0; i < 300; i++) op.run(i);
    const facts = await op.finish!();
    // One index event per fresh user, and the summary.
    expect(facts['events']).toBe(301);
    expect(facts['dropped']).toBe(0);
    expect(facts['failed']).toBe(0);
    expect(closed(facts)).toBe(true);
  });
});

describe('W4\'s floor (the least LaunchDarkly-shaped recorder)', () => {
  it('delivers what Ensign delivers for the same calls: an index event per fresh user and the summary', async () => {
    const pool = createNeutralPool(300);
    const w4 = findWorkload('W4')!;
    const facts = [];
    for (const name of ['ensign-variation-events', 'least-events']) {
      const op = await w4.rows.find((r) => r.name === name)!.setup(pool);
      for (let i = 0; i < 300; i++) op.run(i);
      facts.push((await op.finish!())['events']);
    }
    expect(facts).toEqual([301, 301]);
  });

  it('indexes a key once while it is among the last 1 000, counts every call, and copies the context', () => {
    const flags = ['flag-a', 'flag-b'];
    const recorder = createLeastRecorder(flags, true);
    const context: Record<string, unknown> = { kind: 'user', key: 'user-0001', plan: 'pro' };
    recorder.record(0, context, true);
    context['plan'] = 'free'; // changed after the call: the event keeps what was recorded
    recorder.record(1, context, false);
    // 1 001 more keys: user-0001 falls out of the last 1 000 and is indexed again.
    for (let i = 2; i <= 1_002; i++) recorder.record(0, { kind: 'user', key: `user-${String(i).padStart(4, '0')}` }, false);
    recorder.record(0, { kind: 'user', key: 'user-0001' }, true);
    recorder.flush();
    const index = recorder.delivered.filter((e) => e['kind'] === 'index');
    const summaries = recorder.delivered.filter((e) => e['kind'] === 'summary');
    expect(index).toHaveLength(1_003);
    expect(index[0]).toMatchObject({ context: { kind: 'user', key: 'user-0001', plan: 'pro' } });
    expect(typeof index[0]!['creationDate']).toBe('number');
    expect(index.filter((e) => (e['context'] as { key: string }).key === 'user-0001')).toHaveLength(2);
    // The summary is sent by the flush, once, with every count.
    expect(summaries).toHaveLength(1);
    const counted = summaries.flatMap((s) => Object.values(s['features'] as Record<string, { counters: { count: number }[] }>).flatMap((f) => f.counters.map((c) => c.count)));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(1_004);
    // Counted per flag (by its index) and variation.
    const features = summaries[0]!['features'] as Record<string, { counters: { variation: number; count: number }[] }>;
    expect(features['flag-a']!.counters).toEqual([
      { variation: 0, version: 1, value: false, count: 1_001 },
      { variation: 1, version: 1, value: true, count: 2 },
    ]);
    expect(features['flag-b']!.counters).toEqual([{ variation: 0, version: 1, value: false, count: 1 }]);
    expect(recorder.events()).toBe(1_004);
  });
});

function closed(facts: Record<string, unknown>): boolean {
  return typeof facts['closeMs'] === 'number' && (facts['closeMs'] as number) >= 0;
}

describe('callgrind output', () => {
  it('gives the summary line', () => {
    expect(totalInstructions('events: Ir\nsummary: 123456\ntotals: 123456\n')).toBe(123_456);
    expect(() => totalInstructions('events: Ir\n')).toThrow(/no summary/);
  });

  it('reads totals when instrumentation was switched on part-way (summary 0)', () => {
    expect(totalInstructions('events: Ir\nsummary: 0\ntotals: 17171624\n')).toBe(17_171_624);
  });
});

describe('the per-function profile', () => {
  it('counts the optimizing compiler\'s instructions per call inside the measured part', () => {
    const costs = (compiler: number, other: number) =>
      new Map([
        ['v8::internal::compiler::GraphReducer::Reduce(v8::internal::compiler::Node*)', compiler],
        ['v8::internal::compiler::Scheduler::ScheduleLate()', compiler / 2],
        ['Builtins_StringEqual', other],
      ]);
    expect(compilingPerCall(costs(1_000, 5), costs(41_000, 9_000), 1_000)).toBe(60);
    expect(compilingPerCall(costs(1_000, 5), costs(1_000, 9_000), 1_000)).toBe(0);
    expect(compilingPerCall(costs(0, 0), costs(10, 10), 0)).toBe(0);
  });

  it('names JIT addresses from the perf map and subtracts the run with 0 calls', () => {
    const symbols = perfMap('1000 100 JS:*evaluateFlag file:///x/neutral-child.mjs:1:1\n2000 10 JS:*murmur3x86Ascii a.mjs:2:2\n');
    expect(symbols(0x1050)).toBe('JS:*evaluateFlag file:///x/neutral-child.mjs:1:1');
    expect(symbols(0x1100)).toBeUndefined();
    const out = (evaluate: number, murmur: number) =>
      ['events: Ir', 'fn=(1) 0x0000000000001010', `0 ${evaluate}`, 'cfn=(2) 0x0000000000002004', 'calls=1 0', '0 999999', 'fn=(2)', `0 ${murmur}`, 'fn=(3) v8::Scavenge', '0 7'].join('\n');
    const zero = selfCosts(out(100, 50), symbols);
    const full = selfCosts(out(1_100, 2_050), symbols);
    expect(zero.get('JS:*evaluateFlag child:1:1')).toBe(100);
    expect(profileLines(zero, full, 10, 2)).toEqual(['    200  JS:*murmur3x86Ascii a.mjs:2:2', '    100  JS:*evaluateFlag child:1:1']);
  });
});
