import { describe, expect, it } from 'vitest';
import { EnsignError, isEnsignError } from './errors.js';
import { err, ok } from './result.js';
import { maskSecret } from './secrets.js';

describe('EnsignError', () => {
  it('carries a code and a message and is recognised by isEnsignError', () => {
    const e = new EnsignError('INVALID_OPTIONS', 'flushIntervalMs must be at least 100');
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('INVALID_OPTIONS');
    expect(e.name).toBe('EnsignError');
    expect(isEnsignError(e, 'INVALID_OPTIONS')).toBe(true);
    expect(isEnsignError(e, 'CLOSED')).toBe(false);
    expect(isEnsignError(new Error('x'))).toBe(false);
  });
});

describe('Result and maskSecret', () => {
  it('wraps values and errors', () => {
    expect(ok(1)).toEqual({ ok: true, value: 1 });
    expect(err('bad')).toEqual({ ok: false, error: 'bad' });
  });

  it('keeps only the last four characters of a secret', () => {
    expect(maskSecret('sdk-1234567890abcd')).toBe('****abcd');
    expect(maskSecret('short')).toBe('****');
    expect(maskSecret(undefined)).toBe('(none)');
  });
});
