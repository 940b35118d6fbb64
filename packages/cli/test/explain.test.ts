import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { amplitudeUserToContext } from '@ensign/context';
import type { Context } from '@ensign/context';
import { parseDatafile } from '@ensign/datafile-schema';
import { compileDatafile, evaluateFlag } from '@ensign/evaluator-core';
import type { EvaluationResult } from '@ensign/evaluator-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT_MS, EXAMPLES, buildCli, runCli, tempDir } from './helpers/cli-process.js';

const FULL = join(EXAMPLES, 'full.json');
const SMALL = join(EXAMPLES, 'small.json');
const tmp = tempDir();

/** The evaluator's own answer, the oracle of what the CLI prints. */
function oracle(path: string, context: Context, flagKey: string): EvaluationResult {
  const parsed = parseDatafile(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(`${path} does not load`);
  return evaluateFlag(compileDatafile(parsed.datafile), context, flagKey, { trace: true });
}

function decisionLine(stdout: string, name: string): string {
  return stdout.split('\n').find((l) => l.startsWith(`  ${name} `)) ?? `(no ${name} line)`;
}

beforeAll(buildCli, BUILD_TIMEOUT_MS);
afterAll(() => tmp.remove());

describe('ensign explain', () => {
  it.each([
    { country: 'DE', key: 'user-7' },
    { country: 'US', key: 'user-42' },
    { country: 'CA', key: 'user-1001' },
  ])('prints the evaluator’s variation, value and one trace line per step for $key in $country', async ({ country, key }) => {
    const context = { kind: 'user', key, country, plan: 'pro' } as Context;
    const expected = oracle(FULL, context, 'checkout-redesign');
    const r = await runCli(['explain', FULL, 'checkout-redesign', '--context', JSON.stringify(context)]);
    expect(r.code).toBe(0);
    expect(decisionLine(r.stdout, 'variation')).toContain(expected.variationKey === null ? 'no variation' : `"${expected.variationKey}"`);
    expect(decisionLine(r.stdout, 'value')).toContain(JSON.stringify(expected.value));
    expect(decisionLine(r.stdout, 'reason')).toContain(expected.reason.kind);
    const steps = r.stdout.split('\n').filter((l) => /^ {2}\d+\. /.test(l));
    expect(steps).toHaveLength(expected.trace?.steps.length ?? -1);
    expected.trace?.steps.forEach((step, i) => {
      if (step.step === 'rule') expect(steps[i]).toContain(step.matched ? 'MATCHED' : 'did not match');
    });
  });

  it('shows each rule’s condition and the value each condition saw', async () => {
    const r = await runCli(['explain', SMALL, 'new-checkout', '--context', '{"kind":"user","key":"u-9","country":"FR","plan":"pro"}']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rule 0 "pro-in-north-america": did not match');
    expect(r.stdout).toContain('if country in ["US", "CA"] and plan in ["pro"]');
    expect(r.stdout).toContain('country in → false (value seen: "FR")');
    expect(r.stdout).toMatch(/default rule \(fallthrough\): served\n\s+bucket \d+ \(ensign hashing\) in \[\d+, \d+\) → "(on|off)"/);
  });

  it('says an individually targeted context was targeted', async () => {
    const r = await runCli(['explain', SMALL, 'new-checkout', '--context', '{"kind":"user","key":"user-42"}']);
    expect(r.code).toBe(0);
    expect(decisionLine(r.stdout, 'reason')).toBe('  reason     TARGET_MATCH: the context is individually targeted');
    expect(decisionLine(r.stdout, 'value')).toBe('  value      true');
  });

  it('explains an off flag with its off variation', async () => {
    const datafile = JSON.parse(readFileSync(SMALL, 'utf8')) as { flags: Array<{ on: boolean }> };
    (datafile.flags[1] as { on: boolean }).on = false;
    const path = join(tmp.dir, 'off.json');
    writeFileSync(path, JSON.stringify(datafile));
    const r = await runCli(['explain', path, 'banner-text', '--context', '{"kind":"user","key":"u-1"}']);
    expect(r.code).toBe(0);
    expect(decisionLine(r.stdout, 'reason')).toContain('OFF: the flag is off');
    expect(decisionLine(r.stdout, 'variation')).toContain('"default"');
    expect(r.stdout).toContain('1. the flag is off');
  });

  it('takes an Optimizely user with --user and decides as for the same context', async () => {
    const user = { userId: 'user-7', attributes: { country: 'US', plan: 'pro' } };
    const expected = oracle(FULL, { kind: 'user', key: 'user-7', country: 'US', plan: 'pro' } as Context, 'checkout-redesign');
    const r = await runCli(['explain', FULL, 'checkout-redesign', '--user', JSON.stringify(user)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('context   {"kind":"user","key":"user-7","country":"US","plan":"pro"}');
    expect(decisionLine(r.stdout, 'variation')).toContain(`"${expected.variationKey}"`);
  });

  it('takes an Amplitude user with --user, detected by user_id, and converts it as the Amplitude face does', async () => {
    const user = { user_id: 'amp-1', device_id: 'd-1', user_properties: { plan: 'pro' } };
    const converted = amplitudeUserToContext(user);
    if (!converted.ok) throw new Error(converted.error);
    const expected = oracle(FULL, converted.context, 'search-ranking');
    const r = await runCli(['explain', FULL, 'search-ranking', '--user', JSON.stringify(user), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { context: Context; result: EvaluationResult };
    expect(out.context).toEqual(converted.context);
    expect(out.result.variationKey).toBe(expected.variationKey);
    expect(out.result.trace?.steps).toEqual(expected.trace?.steps);
  });

  it('reads the context from a file with @path', async () => {
    const path = join(tmp.dir, 'ctx.json');
    writeFileSync(path, '{"kind":"user","key":"user-42"}');
    const r = await runCli(['explain', SMALL, 'new-checkout', '--context', `@${path}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('TARGET_MATCH');
  });

  it('serves the --default value when no variation is served, and exits 1 for an unknown flag, listing the flags', async () => {
    const r = await runCli(['explain', SMALL, 'new-chekout', '--context', '{"kind":"user","key":"u-1"}', '--default', 'false']);
    expect(r.code).toBe(1);
    expect(decisionLine(r.stdout, 'value')).toBe('  value      false (the default value: no variation was served)');
    expect(decisionLine(r.stdout, 'reason')).toContain('ERROR FLAG_NOT_FOUND');
    expect(r.stderr).toContain('no flag "new-chekout" in');
    expect(r.stderr).toContain('new-checkout, banner-text');
  });

  it('says a flag was quarantined instead of calling it unknown', async () => {
    const datafile = JSON.parse(readFileSync(SMALL, 'utf8')) as { flags: Array<{ on: unknown }> };
    (datafile.flags[0] as { on: unknown }).on = 'yes';
    const path = join(tmp.dir, 'quarantined.json');
    writeFileSync(path, JSON.stringify(datafile));
    const r = await runCli(['explain', path, 'new-checkout', '--context', '{"kind":"user","key":"u-1"}']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^flag "new-checkout" is quarantined: flags\[0\]\.on: /m);
    expect(decisionLine(r.stdout, 'reason')).toContain('ERROR MALFORMED_FLAG');
    expect(decisionLine(r.stdout, 'error')).toMatch(/^ {2}error {6}flags\[0\]\.on: /);
    const other = await runCli(['explain', path, 'banner-text', '--context', '{"kind":"user","key":"u-1"}']);
    expect(other.code).toBe(0);
  });

  it('refuses a --user whose shape cannot be told, and a missing context, with exit code 1', async () => {
    const unknownShape = await runCli(['explain', SMALL, 'new-checkout', '--user', '{"id":"u-1"}']);
    expect(unknownShape.code).toBe(1);
    expect(unknownShape.stderr).toContain('pass --face');
    const none = await runCli(['explain', SMALL, 'new-checkout']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('give the context to evaluate');
    const bad = await runCli(['explain', SMALL, 'new-checkout', '--context', '{"kind":"user"}']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^ensign: --context: /m);
  });
});
