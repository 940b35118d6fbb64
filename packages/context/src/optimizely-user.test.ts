import { describe, expect, it } from 'vitest';
import { getAttribute } from './access.js';
import { optimizelyUserToContext } from './optimizely-user.js';
import { validateContext } from './validate-context.js';

describe('optimizelyUserToContext', () => {
  it('makes a user context keyed by the user id with each attribute at the top level', () => {
    expect(optimizelyUserToContext('user-42', { plan: 'pro', age: 31, beta: true, region: null })).toEqual({
      kind: 'user',
      key: 'user-42',
      plan: 'pro',
      age: 31,
      beta: true,
      region: null,
    });
  });

  it('makes a context with only a key when there are no attributes', () => {
    expect(optimizelyUserToContext('user-42')).toEqual({ kind: 'user', key: 'user-42' });
  });

  it('keeps $opt_bucketing_id and other $opt_ attributes addressable by their literal names', () => {
    const context = optimizelyUserToContext('user-42', { $opt_bucketing_id: 'household-7', $opt_user_agent: 'bot' });
    expect(validateContext(context).ok).toBe(true);
    expect(getAttribute(context, '$opt_bucketing_id')).toBe('household-7');
    expect(getAttribute(context, '/$opt_user_agent')).toBe('bot');
  });

  it('keeps attributes named as context built-ins under an escaped name, losing none', () => {
    expect(optimizelyUserToContext('u', { kind: 'org', key: 'other', _meta: {}, name: 42, anonymous: 'yes', '~x': 1, plan: 'pro' })).toEqual({
      kind: 'user',
      key: 'u',
      '~kind': 'org',
      '~key': 'other',
      '~_meta': {},
      '~name': 42,
      '~anonymous': 'yes',
      '~~x': 1,
      plan: 'pro',
    });
  });

  it('also sets a string name and a boolean anonymous as the context built-ins', () => {
    expect(optimizelyUserToContext('u', { name: 'Ada', anonymous: true })).toEqual({ kind: 'user', key: 'u', '~name': 'Ada', name: 'Ada', '~anonymous': true, anonymous: true });
  });

  it('does not change the attributes object', () => {
    const attributes = { plan: 'pro' };
    optimizelyUserToContext('u', attributes);
    expect(attributes).toEqual({ plan: 'pro' });
  });
});
