import { describe, expect, it } from 'vitest';
import { parseDatafile } from './parse-datafile.js';
import { validateDatafile } from './validate-datafile.js';
import { datafile, errorsOf, flag, warningsOf, withConditions } from './fixtures.test-helpers.js';

describe('parseDatafile', () => {
  it('returns the datafile and no warnings for valid JSON text', () => {
    const text = JSON.stringify(datafile());
    const result = parseDatafile(text);
    expect(result).toEqual({ ok: true, datafile: JSON.parse(text), quarantined: [], warnings: [] });
  });

  it('reports an unknown operator at flags[0].rules[0].conditions.and[1].op', () => {
    const d = withConditions({ and: [{ attribute: 'country', op: 'in', values: ['US'] }, { attribute: 'plan', op: 'is', values: ['pro'] }] });
    expect(errorsOf(d)).toEqual([
      { path: 'flags[0].rules[0].conditions.and[1].op', message: 'unknown operator "is"' },
    ]);
  });

  it('accepts UTF-8 bytes, such as a fetched body', () => {
    const bytes = new TextEncoder().encode(JSON.stringify(datafile([flag('café')])));
    const result = parseDatafile(bytes);
    expect(result.ok && result.datafile.flags[0]?.key).toBe('café');
  });

  it('says so when bytes are not UTF-8', () => {
    expect(parseDatafile(new Uint8Array([0x7b, 0xff, 0x7d]))).toEqual({
      ok: false,
      issues: [{ path: '', message: 'the datafile is not valid UTF-8' }],
      warnings: [],
    });
  });

  it('accepts an object and returns that same object', () => {
    const d = datafile();
    const result = parseDatafile(d);
    expect(result.ok && result.datafile).toBe(d);
  });

  it('skips a byte-order mark before the JSON text', () => {
    expect(parseDatafile(`\uFEFF${JSON.stringify(datafile())}`).ok).toBe(true);
  });

  it('rejects input that is neither text, bytes nor an object', () => {
    for (const input of [undefined, null, 42, true]) {
      const result = parseDatafile(input);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.issues[0]?.message).toMatch(/^expected JSON text, UTF-8 bytes or an object/);
    }
  });

  it('ignores an unknown field with a warning, so a newer server can serve an older SDK', () => {
    const d = datafile([flag('f', { rolloutStrategy: 'fast' })]);
    const result = parseDatafile(JSON.stringify(d));
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([{ path: 'flags[0].rolloutStrategy', message: 'unknown field "rolloutStrategy" (ignored)' }]);
  });

  it('reports options that are out of range as issues on "options.*"', () => {
    expect(errorsOf(datafile(), { maxDepth: 0 })).toEqual([{ path: 'options.maxDepth', message: 'must be an integer from 1 to 1000, got 0' }]);
    expect(errorsOf(datafile(), { maxBytes: -1 })).toEqual([{ path: 'options.maxBytes', message: 'must be a non-negative integer, got -1' }]);
  });

  it('stops after maxIssues errors and says how many it kept', () => {
    const flags = Array.from({ length: 30 }, (_, i) => ({ key: `f${i}` }));
    const issues = errorsOf(datafile(flags), { maxIssues: 5 });
    expect(issues).toHaveLength(6);
    expect(issues[5]).toEqual({ path: '', message: 'stopped after 5 errors (maxIssues)' });
  });

  it('keeps at most maxIssues warnings and counts the rest', () => {
    const flags = Array.from({ length: 8 }, (_, i) => flag(`f${i}`, { extra: 1 }));
    const warnings = warningsOf(datafile(flags), { maxIssues: 3 });
    expect(warnings).toHaveLength(4);
    expect(warnings[3]).toEqual({ path: '', message: '5 more warnings not shown (maxIssues)' });
  });
});

describe('validateDatafile', () => {
  it('validates an object already parsed, with the same checks', () => {
    const result = validateDatafile(datafile([flag('f', { offVariation: 'missing' }), flag('g')]));
    expect(result).toMatchObject({
      ok: true,
      datafile: { flags: [{ key: 'g' }] },
      quarantined: [{ kind: 'flag', key: 'f', path: 'flags[0].offVariation', message: 'unknown variation "missing" (known: "off", "on")' }],
      warnings: [],
    });
  });
});
