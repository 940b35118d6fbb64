// Vendor test vectors, read from ../shared/vectors (never copied into the project): Amplitude's version parser
// cases check our `amplitude` version syntax; GrowthBook's evalCondition cases must all be accepted as `mongo` leaves.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDatafile } from '../src/parse-datafile.js';
import { isVersion } from '../src/validate/value-syntax.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const vectors = resolve(repoRoot, '..', 'shared', 'vectors');

function load<T>(relative: string): T {
  const file = resolve(vectors, relative);
  if (!existsSync(file)) throw new Error(`vendor vectors missing: ${file} (expected the shared vectors folder next to the repository)`);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

describe('vendor vectors', () => {
  it('finds the shared vectors folder', () => {
    expect(existsSync(vectors), `vendor vectors folder missing: ${vectors}`).toBe(true);
  });

  it("agrees with Amplitude's semantic-version test on which versions parse", () => {
    const { cases } = load<{ cases: { fn: string; args: unknown[] }[] }>('amplitude/semantic_version.json');
    const invalid = cases.filter((c) => c.fn === 'assertInvalidVersion').map((c) => c.args[0]);
    const compared = cases.filter((c) => c.fn === 'assertVersionComparison').flatMap((c) => [c.args[0], c.args[2]]);
    expect(invalid.length).toBeGreaterThan(5);
    expect(compared.length).toBeGreaterThan(5);
    for (const v of invalid) expect(typeof v === 'string' && isVersion(v, 'amplitude'), `invalid: ${String(v)}`).toBe(false);
    for (const v of compared) expect(isVersion(v as string, 'amplitude'), `valid: ${String(v)}`).toBe(true);
  });

  it("accepts every condition of GrowthBook's evalCondition cases as a mongo leaf, warning about invalid patterns", () => {
    const { evalCondition } = load<{ evalCondition: [string, Record<string, unknown>, unknown, boolean, unknown?][] }>('growthbook/cases.json');
    expect(evalCondition.length).toBeGreaterThan(100);
    // GrowthBook evaluates a pattern that does not compile to false; so does Ensign, with a warning at its path.
    const invalidPattern = evalCondition.map((c, i) => (c[0].startsWith('$regex invalid') ? i : -1)).filter((i) => i >= 0);
    expect(invalidPattern).toHaveLength(2);
    const flags = evalCondition.map(([, condition], i) => ({
      key: `f${i}`,
      on: true,
      variations: [{ key: 'on', value: true }],
      rules: [{ id: 'r', conditions: { mongo: condition }, serve: { variation: 'on' } }],
    }));
    const savedGroups = Object.fromEntries(evalCondition.flatMap((c) => Object.entries((c[4] ?? {}) as Record<string, unknown[]>)));
    const result = parseDatafile({ schemaVersion: 1, revision: 'gb', environment: 'test', flags, savedGroups }, { maxIssues: 1000 });
    expect(result.ok ? result.quarantined : result.issues).toEqual([]);
    expect(result.warnings.filter((w) => w.message.startsWith('pattern does not compile'))).toEqual(
      invalidPattern.map((i) => ({ path: `flags[${i}].rules[0].conditions.mongo.name.$regex`, message: expect.stringContaining('pattern does not compile') })),
    );
  });
});
