import { describe, expect, it } from 'vitest';
import { appendPath, formatIssues, formatPath } from './issues.js';

describe('formatPath', () => {
  it('writes fields with dots and indexes with brackets', () => {
    expect(formatPath(['flags', 3, 'rules', 0, 'conditions', 'and', 1, 'op'])).toBe('flags[3].rules[0].conditions.and[1].op');
  });

  it('quotes a field name that is not an identifier', () => {
    expect(formatPath(['flags', 0, 'variations', 1, 'variables', 'max-items'])).toBe('flags[0].variations[1].variables["max-items"]');
    expect(appendPath('', 'weird "key"')).toBe('["weird \\"key\\""]');
  });

  it('writes the document itself as the empty path', () => {
    expect(formatPath([])).toBe('');
    expect(appendPath('', 'flags')).toBe('flags');
  });
});

describe('formatIssues', () => {
  it('writes one "path: message" line per issue, the root as (root)', () => {
    const text = formatIssues([
      { path: '', message: 'invalid JSON' },
      { path: 'flags[0].on', message: 'must be a boolean, got string' },
    ]);
    expect(text).toBe('(root): invalid JSON\nflags[0].on: must be a boolean, got string');
  });

  it('cuts long lists and counts the rest', () => {
    const issues = Array.from({ length: 25 }, (_, i) => ({ path: `flags[${i}]`, message: 'bad' }));
    const lines = formatIssues(issues, 3).split('\n');
    expect(lines).toEqual(['flags[0]: bad', 'flags[1]: bad', 'flags[2]: bad', '... and 22 more']);
    expect(formatIssues([])).toBe('');
  });
});
