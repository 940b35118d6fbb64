import { describe, expect, it } from 'vitest';
import { isEnvironmentName, readKeys } from './keys-file.js';

describe('readKeys', () => {
  it('maps keys to environments and skips entries that cannot name a file, without quoting keys', () => {
    const result = readKeys(JSON.stringify({ 'sdk-a': 'production', 'sdk-secret-b': '../etc', 'sdk-c': 3, 'sdk-d': 'keys' }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([...result.keys]).toEqual([['sdk-a', 'production']]);
    expect(result.warnings).toHaveLength(3);
    expect(result.warnings.join(' ')).not.toContain('sdk-secret-b');
  });
  it('refuses text that is not a JSON object', () => {
    expect(readKeys('[]').ok).toBe(false);
    expect(readKeys('{').ok).toBe(false);
  });
  it('treats __proto__ as a key like any other', () => {
    const result = readKeys('{"__proto__": "production"}');
    expect(result.ok && result.keys.get('__proto__')).toBe('production');
  });
});

describe('isEnvironmentName', () => {
  it.each([['production', true], ['staging-eu_1.2', true], ['.hidden', false], ['a/b', false], ['', false], ['keys', false]])('%s → %s', (name, ok) => {
    expect(isEnvironmentName(name)).toBe(ok);
  });
});
