import { describe, expect, it } from 'vitest';
import { getAttribute } from './access.js';
import { amplitudeSelectorToReference } from './amplitude-selector.js';
import { amplitudeUserToContext, type AmplitudeUser } from './amplitude-user.js';
import type { Context, ContextValidation } from './types.js';

function contextOf(result: ContextValidation): Context {
  if (!result.ok) throw new Error(result.error);
  return result.context;
}

describe('amplitudeUserToContext', () => {
  // The user of amplitude/experiment-node-server's userToEvaluationContext test ("user, groups and group properties").
  const user: AmplitudeUser = {
    device_id: 'device_id',
    user_id: 'user_id',
    country: 'country',
    city: 'city',
    language: 'language',
    platform: 'platform',
    version: 'version',
    user_properties: { k: 'v' },
    groups: { type: ['name'] },
    group_properties: { type: { name: { gk: 'gv' } } },
  };

  it('makes a user context and one context per group type, as convertUserToEvaluationContext does', () => {
    expect(contextOf(amplitudeUserToContext(user))).toEqual({
      kind: 'multi',
      user: {
        key: 'user_id',
        device_id: 'device_id',
        user_id: 'user_id',
        country: 'country',
        city: 'city',
        language: 'language',
        platform: 'platform',
        version: 'version',
        user_properties: { k: 'v' },
      },
      type: { key: 'name', group_name: 'name', group_properties: { gk: 'gv' } },
    });
  });

  it('makes a single user context when there is no group', () => {
    expect(contextOf(amplitudeUserToContext({ user_id: 'u', cohort_ids: ['c1'] }))).toEqual({
      kind: 'user',
      key: 'u',
      user_id: 'u',
      cohort_ids: ['c1'],
    });
  });

  it('keys the user by device_id when user_id is absent or empty', () => {
    expect(contextOf(amplitudeUserToContext({ device_id: 'd' }))['key']).toBe('d');
    expect(contextOf(amplitudeUserToContext({ user_id: '', device_id: 'd' }))['key']).toBe('d');
  });

  it('converts a user without a user_id or a device_id to a user context with an empty key', () => {
    const single = amplitudeUserToContext({ country: 'FR' });
    expect(single).toEqual({ ok: true, context: { kind: 'user', key: '', country: 'FR' }, warnings: [] });
    const multi = amplitudeUserToContext({ user_id: '', device_id: '', groups: { org: ['Acme'] } });
    expect(multi.ok && multi.context).toEqual({ kind: 'multi', user: { key: '', user_id: '', device_id: '' }, org: { key: 'Acme', group_name: 'Acme' } });
  });

  it('uses only the first group name per type, with a warning, and adds group cohort ids', () => {
    const result = amplitudeUserToContext({
      user_id: 'u',
      groups: { org: ['Acme', 'Other'] },
      group_properties: { org: { Other: { plan: 'free' } } },
      group_cohort_ids: { org: { Acme: ['c9'] } },
    });
    expect(contextOf(result)['org']).toEqual({ key: 'Acme', group_name: 'Acme', cohort_ids: ['c9'] });
    expect(result.ok && result.warnings).toEqual(['group type "org": only the first group name ("Acme") is used']);
  });

  it('skips, with a warning, a group type that is not a valid kind, is "user", or has no name', () => {
    const result = amplitudeUserToContext({ user_id: 'u', groups: { 'org unit': ['A'], user: ['B'], kind: ['C'], team: [], ok: ['D'] } });
    expect(contextOf(result)).toEqual({
      kind: 'multi',
      user: { key: 'u', user_id: 'u' },
      ok: { key: 'D', group_name: 'D' },
    });
    expect(result.ok && result.warnings).toEqual([
      expect.stringContaining('group type "org unit" was skipped'),
      expect.stringContaining('group type "user" was skipped'),
      expect.stringContaining('group type "kind" was skipped'),
      'group type "team" was skipped: it has no group name',
    ]);
  });

  it("reads a group name given as text as Amplitude does: its first character, with a warning", () => {
    const result = amplitudeUserToContext({ user_id: 'u', groups: { org: 'Acme', team: '' } as never, group_properties: { org: { A: { tier: 'gold' } } } });
    expect(contextOf(result)).toEqual({ kind: 'multi', user: { key: 'u', user_id: 'u' }, org: { key: 'A', group_name: 'A', group_properties: { tier: 'gold' } } });
    expect(result.ok && result.warnings).toEqual([
      'group type "org": its names should be an array, got a string: its first character ("A") is the group name, as Amplitude reads it',
      'group type "team" was skipped: it has no group name',
    ]);
  });

  it('leaves out empty group properties, as Amplitude does', () => {
    const result = amplitudeUserToContext({ user_id: 'u', groups: { org: ['A'] }, group_properties: { org: { A: {} } } });
    expect(contextOf(result)['org']).toEqual({ key: 'A', group_name: 'A' });
  });

  it('reports values that are not JSON instead of throwing', () => {
    const result = amplitudeUserToContext({ user_id: 'u', user_properties: { bad: Number.NaN } });
    expect(result).toEqual({ ok: false, error: '"/user_properties/bad": NaN is not a JSON number' });
  });

  it('lets Amplitude selectors read the converted context', () => {
    const context = contextOf(
      amplitudeUserToContext({
        user_id: 'u',
        user_properties: { plan: 'pro' },
        groups: { org: ['Acme'] },
        group_properties: { org: { Acme: { size: 'large' } } },
      }),
    );
    const read = (selector: string[]): unknown => {
      const mapped = amplitudeSelectorToReference(selector);
      return mapped === undefined ? undefined : getAttribute(context, mapped.ref, mapped.kind);
    };
    expect(read(['context', 'user', 'user_properties', 'plan'])).toBe('pro');
    expect(read(['context', 'user', 'user_id'])).toBe('u');
    expect(read(['context', 'groups', 'org', 'group_name'])).toBe('Acme');
    expect(read(['context', 'groups', 'org', 'group_properties', 'size'])).toBe('large');
    expect(read(['context', 'groups', 'team', 'group_name'])).toBeUndefined();
  });
});
