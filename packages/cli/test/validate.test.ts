import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT_MS, EXAMPLES, buildCli, runCli, tempDir } from './helpers/cli-process.js';

const tmp = tempDir();
const small = JSON.parse(readFileSync(join(EXAMPLES, 'small.json'), 'utf8')) as { flags: Array<Record<string, unknown>> };

function write(name: string, content: unknown): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

/** small.json with the unknown operator "is" in its first flag's first rule. */
function withBadOperator(): unknown {
  const flags = structuredClone(small.flags);
  const rule = (flags[0]?.['rules'] as Array<{ conditions: { and: Array<{ op: string }> } }>)[0];
  if (rule?.conditions.and[0] === undefined) throw new Error('small.json changed: its first flag has no and-condition');
  rule.conditions.and[0].op = 'is';
  return { ...small, flags };
}

beforeAll(buildCli, BUILD_TIMEOUT_MS);
afterAll(() => tmp.remove());

describe('ensign validate', () => {
  it('says the full example would load, with its revision and flag count, and exits 0', async () => {
    const r = await runCli(['validate', join(EXAMPLES, 'full.json')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/full\.json: would load \(revision "2024-06-01T10:00:00Z#318", 6 flags; 0 quarantined/);
  });

  it('prints a JSON error with its line and column and exits 1', async () => {
    const path = write('truncated.json', '{ "schemaVersion": 1, "revision": "1", "flags": [');
    const r = await runCli(['validate', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^error: \(root\): invalid JSON at line 1, column \d+/m);
    expect(r.stdout).toContain('would NOT load (1 error;');
  });

  it('names the JSON path of a document-level problem and exits 1', async () => {
    const path = write('v2.json', { schemaVersion: 2, revision: '1', flags: [] });
    const r = await runCli(['validate', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^error: schemaVersion: /m);
  });

  it('lists a broken flag as quarantined with the JSON path of its bad operator, and exits 0 since the rest loads', async () => {
    const path = write('bad-op.json', withBadOperator());
    const r = await runCli(['validate', path]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^quarantined: flag "new-checkout" \(flags\[0\]\.rules\[0\]\.conditions\.and\[0\]\.op\): .*"is"/m);
    expect(r.stdout).toContain('would load (revision "42", 1 flag; 1 quarantined, ');
  });

  it('prints the report as JSON with --json', async () => {
    const r = await runCli(['validate', '--json', join(EXAMPLES, 'small.json')]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { loads: boolean; revision: string; flagCount: number; errors: unknown[] };
    expect(report).toMatchObject({ loads: true, revision: '42', flagCount: 2, errors: [] });
  });

  it('reads the datafile from stdin with -', async () => {
    const r = await runCli(['validate', '-'], { input: readFileSync(join(EXAMPLES, 'small.json'), 'utf8') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(stdin): would load (revision "42", 2 flags;');
  });

  it('exits 1 with a message, not a stack trace, for a file that does not exist', async () => {
    const r = await runCli(['validate', join(tmp.dir, 'missing.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ensign: cannot read .*missing\.json: no such file$/m);
    expect(r.stderr).not.toContain('    at ');
  });
});
