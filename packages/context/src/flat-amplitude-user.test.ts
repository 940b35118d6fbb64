import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AmplitudeUser } from './amplitude-user.js';
import { amplitudeUserToContext as amplitudeContext, convertAmplitudeUser as amplitudeUserToContext } from './amplitude-user.js';

const primitive = fc.oneof(fc.string({ maxLength: 6 }), fc.boolean(), fc.integer(), fc.constant(null));
const field = fc.constantFrom('user_id', 'device_id', 'country', 'platform', 'library', 'name', 'kind', 'key', '__proto__', 'cohort_ids', 'groups');

describe('amplitudeUserToContext, fast path against the full conversion', () => {
  it('gives the same context as amplitudeUserToContext for any user', () => {
    fc.assert(
      fc.property(
        fc.dictionary(field, fc.oneof(primitive, fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }))),
        fc.option(fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(primitive, fc.array(fc.integer(), { maxLength: 2 }))), { nil: undefined }),
        (fields, properties) => {
          const user = (properties === undefined ? fields : { ...fields, user_properties: properties }) as AmplitudeUser;
          const fast = amplitudeContext(user);
          const full = amplitudeUserToContext(user);
          expect(fast.ok).toBe(full.ok);
          if (fast.ok && full.ok) expect(fast.context).toEqual(full.context);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keys the context by user_id, else device_id', () => {
    expect(amplitudeContext({ user_id: 'u', device_id: 'd' })).toMatchObject({ ok: true, context: { kind: 'user', key: 'u' } });
    expect(amplitudeContext({ user_id: '', device_id: 'd' })).toMatchObject({ ok: true, context: { key: 'd' } });
    expect(amplitudeContext({})).toEqual({ ok: true, context: { kind: 'user', key: '' }, warnings: [] });
  });

  it('turns groups into other kinds through the full conversion', () => {
    const user: AmplitudeUser = { user_id: 'u', groups: { org: ['Acme'] } };
    expect(amplitudeContext(user)).toEqual(amplitudeUserToContext(user));
  });
});
