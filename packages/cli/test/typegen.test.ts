import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT_MS, EXAMPLES, REPO_ROOT, buildCli, run, runCli, tempDir } from './helpers/cli-process.js';

const tmp = tempDir();
const dir = tmp.dir;
const FULL = join(EXAMPLES, 'full.json');
const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');

// The generated module is compiled as an application would use it, against the real @ensign/node-sdk types (read
// from its sources, so no build of the SDK is needed; errors inside the SDK's own files are not this test's).
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    customConditions: ['@ensign/source'],
    paths: { '@ensign/node-sdk': [join(REPO_ROOT, 'packages/node-sdk/src/index.ts')] },
    typeRoots: [join(REPO_ROOT, 'node_modules/@types')],
    types: ['node'],
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    skipLibCheck: true,
  },
  include: ['*.ts'],
};

// Uses of the generated module with a real @ensign/node-sdk client: all of it must compile.
const GOOD = `
import { createClient } from '@ensign/node-sdk';
import { decide, evaluate, flags, variant, variation, variationDetail } from './flags.js';
import type { FlagKey, FlagValue } from './flags.js';

const client = createClient({ datafile: '{}', events: false });
const context = { kind: 'user', key: 'user-42', country: 'US' };

const checkout: false | 'control' | 'treatment' = variation(client, flags.checkoutRedesign, context, false);
const dark: boolean = variation(client, 'dark-mode', context, false);
const ranking: FlagValue<'search-ranking'> = variation(client, flags.searchRanking, context, 'bm25');
const withOwnDefault: 'bm25' | 'learned' | { model: string; boost: number } | 'none' = variation(client, 'search-ranking', context, 'none');
const detail: boolean = variationDetail(client, flags.killSwitch, context, true).value;

const decision = decide(client.createUserContext('user-42', { country: 'US' }), flags.checkoutRedesign);
const color: string = decision.variables.button_color;
const items: number = decision.variables.max_items;
const express: boolean = decision.variables.express;
const columns: number = decision.variables.layout.columns;
const key: 'off' | 'control' | 'treatment' | null = decision.variationKey;
const enabled: boolean = decision.enabled;

const payload = variant(client, { user_id: 'user-42' }, flags.recommendations)?.payload?.algorithm;
const variants = evaluate(client, { user_id: 'user-42' }, ['dark-mode', flags.searchV2]);
const on: 'off' | 'on' | undefined = variants['search-v2']?.key;
const every: FlagKey[] = Object.values(flags).map((f) => f.key);
export { checkout, dark, ranking, withOwnDefault, detail, color, items, express, columns, key, enabled, payload, on, every };
`;

// Each line marked MUST FAIL must be a compile error, and nothing else may be.
const BAD = `
import { createClient } from '@ensign/node-sdk';
import { decide, flags, variation } from './flags.js';
import type { FlagValue } from './flags.js';

const client = createClient({ datafile: '{}', events: false });
const context = { kind: 'user', key: 'user-42' };
variation(client, 'checkout-redesing', context, false); // MUST FAIL: a typo in the key
variation(client, flags.checkoutRedesing, context, false); // MUST FAIL: a typo in the name
const n: number = variation(client, 'dark-mode', context, false); // MUST FAIL: the value is a boolean
const decision = decide(client.createUserContext('user-42'), 'checkout-redesign');
const c: number = decision.variables.button_color; // MUST FAIL: button_color is a string
decision.variables.buton_color; // MUST FAIL: no such variable
if (decision.variationKey === 'treatmnet') console.log(n, c); // MUST FAIL: no such variation
type Nope = FlagValue<'search-v3'>; // MUST FAIL: no such flag
export type { Nope };
`;

/** What the runtime test reads of the generated module (its real types are checked by the tsc test). */
interface GeneratedModule {
  flags: Record<string, { key: string }> & Record<'checkoutRedesign' | 'darkMode' | 'recommendations', { key: string }>;
  variation(client: unknown, flag: unknown, context: unknown, defaultValue: unknown): unknown;
  variationDetail(client: unknown, flag: unknown, context: unknown, defaultValue: unknown): unknown;
  decide(user: unknown, flag: unknown, options?: readonly string[]): unknown;
  variant(client: unknown, user: unknown, flag: unknown): unknown;
  evaluate(client: unknown, user: unknown, flags: readonly unknown[]): unknown;
}

function errorLines(output: string, file: string): number[] {
  const lines = new Set<number>();
  for (const m of output.matchAll(new RegExp(`${file.replace('.', '\\.')}\\((\\d+),\\d+\\): error TS\\d+`, 'g'))) lines.add(Number(m[1]));
  return [...lines].sort((a, b) => a - b);
}

beforeAll(buildCli, BUILD_TIMEOUT_MS);
afterAll(() => tmp.remove());

describe('ensign typegen', () => {
  it('writes a module whose typos in flag keys, variables and variation keys are compile errors', async () => {
    const gen = await runCli(['typegen', FULL, '-o', join(dir, 'flags.ts')]);
    expect(gen.stderr).toContain('wrote 6 flags to');
    expect(gen.code).toBe(0);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    writeFileSync(join(dir, 'good.ts'), GOOD);
    writeFileSync(join(dir, 'bad.ts'), BAD);
    const tsc = await run(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { timeoutMs: 90_000 });
    const output = tsc.stdout + tsc.stderr;
    expect(errorLines(output, 'flags.ts'), output).toEqual([]);
    expect(errorLines(output, 'good.ts'), output).toEqual([]);
    const marked = BAD.split('\n').flatMap((line, i) => (line.includes('MUST FAIL') ? [i + 1] : []));
    expect(errorLines(output, 'bad.ts'), output).toEqual(marked);
    expect(tsc.code).toBe(2);
  }, 120_000);

  it('leaves a quarantined flag out of the module, with a warning', async () => {
    const datafile = JSON.parse(readFileSync(join(EXAMPLES, 'small.json'), 'utf8')) as { flags: Array<{ on: unknown }> };
    (datafile.flags[0] as { on: unknown }).on = 'yes';
    const r = await runCli(['typegen', '-'], { input: JSON.stringify(datafile) });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: flag "new-checkout" is quarantined \(flags\[0\]\.on: .*\) and left out of the types$/m);
    expect(r.stdout).not.toContain('new-checkout');
    expect(r.stdout).toContain('  bannerText: {');
  });

  it('gives helpers that call the client with the flag key and answer what it answers', async () => {
    const gen = await runCli(['typegen', FULL]);
    expect(gen.code).toBe(0);
    const file = join(dir, 'runtime-flags.ts');
    writeFileSync(file, gen.stdout);
    const mod = (await import(pathToFileURL(file).href)) as GeneratedModule;
    const datafile = JSON.parse(readFileSync(FULL, 'utf8')) as { flags: Array<{ key: string }> };
    expect(Object.values(mod.flags).map((f) => f.key)).toEqual(datafile.flags.map((f) => f.key));

    const calls: unknown[][] = [];
    const client = {
      variation: (...args: unknown[]) => (calls.push(['variation', ...args]), 'treatment'),
      variationDetail: (...args: unknown[]) => (calls.push(['variationDetail', ...args]), { value: 'control', variationIndex: 1 }),
      evaluate: (...args: unknown[]) => (calls.push(['evaluate', ...args]), { recommendations: { key: 'control', value: 'control' } }),
    };
    const user = { decide: (...args: unknown[]) => (calls.push(['decide', ...args]), { flagKey: args[0], variationKey: 'off', variables: {} }) };
    const context = { kind: 'user', key: 'user-42' };
    expect(mod.variation(client, mod.flags.checkoutRedesign, context, false)).toBe('treatment');
    expect(mod.variationDetail(client, 'checkout-redesign', context, false)).toEqual({ value: 'control', variationIndex: 1 });
    expect(mod.decide(user, mod.flags.darkMode, ['INCLUDE_REASONS'])).toEqual({ flagKey: 'dark-mode', variationKey: 'off', variables: {} });
    expect(mod.variant(client, { user_id: 'u' }, mod.flags.recommendations)).toEqual({ key: 'control', value: 'control' });
    expect(mod.evaluate(client, { user_id: 'u' }, ['search-v2', mod.flags.recommendations])).toEqual({ recommendations: { key: 'control', value: 'control' } });
    expect(calls).toEqual([
      ['variation', 'checkout-redesign', context, false],
      ['variationDetail', 'checkout-redesign', context, false],
      ['decide', 'dark-mode', ['INCLUDE_REASONS']],
      ['evaluate', { user_id: 'u' }, ['recommendations']],
      ['evaluate', { user_id: 'u' }, ['search-v2', 'recommendations']],
    ]);
  });
});
