import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDatafile } from '@ensign/datafile-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from './helpers/cli-process.js';
import { BUILD_TIMEOUT_MS, FIXTURES, buildCli, runCli, tempDir } from './helpers/cli-process.js';

const tmp = tempDir();

/** Every stderr line is a warning with a path, or the summary; the summary counts the warnings. */
function expectWarningLines(r: RunResult, vendor: string): string[] {
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  const summary = lines.pop() ?? '';
  for (const line of lines) expect(line).toMatch(/^warning: \S.*: .+$/);
  expect(summary).toMatch(new RegExp(`^imported \\d+ flags? from ${vendor} with ${lines.length} warnings?`));
  return lines;
}

function flagKeys(text: string): string[] {
  const parsed = parseDatafile(text);
  if (!parsed.ok) throw new Error(`the import does not load: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
  return parsed.datafile.flags.map((f) => f.key);
}

beforeAll(buildCli, BUILD_TIMEOUT_MS);
afterAll(() => tmp.remove());

describe('ensign import', () => {
  it.each([
    { vendor: 'optimizely', file: 'optimizely-datafile.json', keys: ['checkout'] },
    { vendor: 'launchdarkly', file: 'launchdarkly-latest-all.json', keys: ['dark-mode'] },
    { vendor: 'amplitude', file: 'amplitude-flags.json', keys: ['pricing-page'] },
    { vendor: 'growthbook', file: 'growthbook-payload.json', keys: ['new-banner', 'button-label'] },
  ])('turns a $vendor export into a datafile that loads, on stdout, with warnings on stderr', async ({ vendor, file, keys }) => {
    const r = await runCli(['import', vendor, join(FIXTURES, file)]);
    expect(r.code, r.stderr).toBe(0);
    expect(flagKeys(r.stdout).sort()).toEqual([...keys].sort());
    expectWarningLines(r, vendor);
  });

  it('writes the compact encoding with --compact: flags of identical fields share a template, and the same flags load', async () => {
    const features = Object.fromEntries(['a', 'b', 'c'].map((key) => [key, { defaultValue: false, rules: [{ condition: { plan: 'pro' }, force: true }] }]));
    const input = JSON.stringify({ features });
    const plain = await runCli(['import', 'growthbook', '-'], { input });
    const compact = await runCli(['import', 'growthbook', '-', '--compact'], { input });
    expect(compact.code, compact.stderr).toBe(0);
    const written = JSON.parse(compact.stdout) as { flagTemplates?: object; flags: { template?: string }[] };
    expect(Object.keys(written.flagTemplates ?? {})).toEqual(['t1']);
    expect(written.flags.map((f) => f.template)).toEqual(['t1', 't1', 't1']);
    const loaded = (text: string) => {
      const result = parseDatafile(text);
      return result.ok ? result.datafile : result.issues;
    };
    expect(loaded(compact.stdout)).toEqual(loaded(plain.stdout));
  });

  it('writes the datafile to -o, reads the export from stdin with -, and the result validates and explains', async () => {
    const out = join(tmp.dir, 'ld.json');
    const r = await runCli(['import', 'launchdarkly', '-', '-o', out], { input: readFileSync(join(FIXTURES, 'launchdarkly-latest-all.json'), 'utf8') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`into ${out}`);
    expect((await runCli(['validate', out])).code).toBe(0);
    // The targeted user and the segment member get true, as in LaunchDarkly.
    for (const key of ['user-1', 'user-2']) {
      const explained = await runCli(['explain', out, 'dark-mode', '--context', JSON.stringify({ kind: 'user', key }), '--json']);
      expect(explained.code).toBe(0);
      expect((JSON.parse(explained.stdout) as { result: { value: unknown } }).result.value).toBe(true);
    }
  });

  it('writes one warning line per construct it could not express, with the path in the vendor’s input', async () => {
    const payload = JSON.parse(readFileSync(join(FIXTURES, 'launchdarkly-latest-all.json'), 'utf8')) as {
      flags: Record<string, { rules: Array<{ clauses: Array<{ op: string }> }> }>;
    };
    const clause = payload.flags['dark-mode']?.rules[0]?.clauses[0];
    if (clause === undefined) throw new Error('the LaunchDarkly fixture changed: dark-mode has no clause');
    clause.op = 'soundsLike';
    const r = await runCli(['import', 'launchdarkly', '-'], { input: JSON.stringify({ ...payload, extra: true }) });
    expect(r.code, r.stderr).toBe(0);
    const warnings = expectWarningLines(r, 'launchdarkly');
    expect(warnings).toHaveLength(2);
    expect(warnings).toContainEqual(expect.stringMatching(/^warning: extra: unknown field/));
    expect(warnings).toContainEqual(expect.stringMatching(/^warning: flags.*dark-mode.*\.rules\[0\]\.clauses\[0\]\.op: unknown operator "soundsLike"/));
    expect(flagKeys(r.stdout)).toEqual(['dark-mode']);
  });

  it('accepts the LaunchDarkly streaming put event { data: { flags, segments } }', async () => {
    const data = JSON.parse(readFileSync(join(FIXTURES, 'launchdarkly-latest-all.json'), 'utf8')) as unknown;
    const r = await runCli(['import', 'launchdarkly', '-'], { input: JSON.stringify({ path: '/', data }) });
    expect(r.code, r.stderr).toBe(0);
    expect(flagKeys(r.stdout)).toEqual(['dark-mode']);
  });

  it('keeps Amplitude’s UK segment: a UK user gets the annual discount', async () => {
    const out = join(tmp.dir, 'amp.json');
    expect((await runCli(['import', 'amplitude', join(FIXTURES, 'amplitude-flags.json'), '-o', out])).code).toBe(0);
    const user = { user_id: 'u-1', device_id: 'd-1', user_properties: { country: 'UK' } };
    const r = await runCli(['explain', out, 'pricing-page', '--user', JSON.stringify(user), '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { result: { variationKey: unknown } }).result.variationKey).toBe('annual-discount');
  });

  it('exits 1 with error lines and no datafile when the input is not the vendor’s format', async () => {
    const r = await runCli(['import', 'optimizely', '-'], { input: '[1, 2, 3]' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: .+: .+$/m);
    expect(r.stderr).toMatch(/^ensign: the optimizely input could not be imported \(\d+ errors?\)$/m);
  });

  it('exits 1 for input that is not JSON, and for an unknown vendor, without writing -o', async () => {
    const out = join(tmp.dir, 'never.json');
    const notJson = await runCli(['import', 'growthbook', '-', '-o', out], { input: 'features: yes' });
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/^error: .*not JSON/m);
    const unknown = await runCli(['import', 'flagsmith', join(FIXTURES, 'growthbook-payload.json')]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/'flagsmith' is invalid.*Allowed choices are optimizely, launchdarkly, amplitude, growthbook/);
    expect(existsSync(out)).toBe(false);
  });
});
