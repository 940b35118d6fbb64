import { afterEach, describe, expect, it } from 'vitest';
import { canonicalKey } from './canonical-key.js';
import { getAttribute, getContextKinds, getIndividualContext } from './access.js';
import { amplitudeUserToContext } from './amplitude-user.js';
import { contextBuilder, createContext, createMultiContext } from './builders.js';
import { legacyUserToContext } from './legacy-user.js';
import { optimizelyUserToContext } from './optimizely-user.js';
import { redactContext } from './redact-context.js';
import type { Context, ContextValidation, LegacyUser } from './types.js';
import { validateContext } from './validate-context.js';

const prototypeNamesBefore = Object.getOwnPropertyNames(Object.prototype).sort();

function contextOf(result: ContextValidation): Context {
  if (!result.ok) throw new Error(result.error);
  return result.context;
}

function ownValue(target: unknown, name: string): unknown {
  return Object.getOwnPropertyDescriptor(target, name)?.value;
}

// JSON.parse creates real own "__proto__" properties, as a request body would.
const hostileJson =
  '{"kind":"user","key":"k","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},' +
  '"prototype":{"polluted":"yes"},"nested":{"__proto__":{"polluted":"yes"}},' +
  '"_meta":{"privateAttributes":["/nested/__proto__/polluted","constructor"]}}';

afterEach(() => {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNamesBefore);
});

describe('__proto__, constructor and prototype are plain data', () => {
  it('validates them as ordinary attributes at any depth', () => {
    const context = contextOf(validateContext(JSON.parse(hostileJson)));
    expect(Object.getPrototypeOf(context)).toBe(Object.prototype);
    expect(Object.keys(context)).toContain('__proto__');
    expect(ownValue(context, '__proto__')).toEqual({ polluted: 'yes' });
    expect(Object.getPrototypeOf(context['nested'])).toBe(Object.prototype);
    expect(ownValue(context['nested'], '__proto__')).toEqual({ polluted: 'yes' });
  });

  it('reads them as own properties only', () => {
    const context = contextOf(validateContext(JSON.parse(hostileJson)));
    expect(getAttribute(context, '__proto__')).toEqual({ polluted: 'yes' });
    expect(getAttribute(context, '/__proto__/polluted')).toBe('yes');
    expect(getAttribute(context, '/nested/__proto__/polluted')).toBe('yes');
    expect(getAttribute(context, '/constructor/prototype/polluted')).toBe('yes');
    expect(getAttribute(context, '/prototype/polluted')).toBe('yes');
    const plain = createContext('k');
    expect(getAttribute(plain, '__proto__')).toBeUndefined();
    expect(getAttribute(plain, 'constructor')).toBeUndefined();
    expect(getAttribute(plain, '/constructor/prototype')).toBeUndefined();
    expect(getAttribute(plain, 'hasOwnProperty')).toBeUndefined();
  });

  it('redacts and copies them as data', () => {
    const context = contextOf(validateContext(JSON.parse(hostileJson)));
    const out = redactContext(context, { privateAttributes: ['/__proto__/polluted'] });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(ownValue(out, '__proto__')).toEqual({});
    expect(ownValue(out['nested'], '__proto__')).toEqual({});
    expect(out['prototype']).toEqual({ polluted: 'yes' });
    expect(out['_meta']).toEqual({ redactedAttributes: ['/__proto__/polluted', '/nested/__proto__/polluted', 'constructor'] });
    expect(JSON.stringify(out)).toContain('"__proto__":{}');
    expect(JSON.stringify(redactContext(context))).toContain('"__proto__":{"polluted":"yes"}');
  });

  it('builds them with the builder and the factories', () => {
    const built = contextBuilder('k').set('__proto__', { polluted: 'yes' }).set('constructor', 'c').build();
    expect(ownValue(built, '__proto__')).toEqual({ polluted: 'yes' });
    expect(Object.getPrototypeOf(built)).toBe(Object.prototype);
    expect(validateContext(built).ok).toBe(true);

    const multi = createMultiContext({ kind: '__proto__', key: 'p' }, createContext('u'));
    expect(Object.getPrototypeOf(multi)).toBe(Object.prototype);
    expect(ownValue(multi, '__proto__')).toEqual({ key: 'p' });
  });

  it('accepts __proto__ as a kind of a multi-kind context', () => {
    const context = contextOf(validateContext(JSON.parse('{"kind":"multi","__proto__":{"key":"p","x":1},"user":{"key":"u"}}')));
    expect(getContextKinds(context)).toEqual(['__proto__', 'user']);
    expect(getIndividualContext(context, '__proto__')).toEqual({ key: 'p', x: 1 });
    expect(getIndividualContext(context, 'constructor')).toBeUndefined();
    expect(getAttribute(context, 'x', '__proto__')).toBe(1);
    expect(canonicalKey(context)).toBe('__proto__:p:user:u');
    expect(ownValue(redactContext(context, { privateAttributes: ['x'] }), '__proto__')).toEqual({
      key: 'p',
      _meta: { redactedAttributes: ['x'] },
    });
  });

  it('keeps them as data through the legacy, Optimizely and Amplitude conversions', () => {
    const legacy = legacyUserToContext(JSON.parse('{"key":"u","custom":{"__proto__":{"polluted":"yes"}}}') as LegacyUser).context;
    expect(ownValue(legacy, '__proto__')).toEqual({ polluted: 'yes' });
    const optimizely = optimizelyUserToContext('u', JSON.parse('{"__proto__":{"polluted":"yes"}}') as Record<string, unknown>);
    expect(ownValue(optimizely, '__proto__')).toEqual({ polluted: 'yes' });
    const amplitude = contextOf(
      amplitudeUserToContext(
        JSON.parse(
          '{"user_id":"u","__proto__":{"polluted":"yes"},"groups":{"__proto__":["A"]},"group_properties":{"__proto__":{"A":{"polluted":"yes"}}}}',
        ),
      ),
    );
    expect(getAttribute(amplitude, '/__proto__/polluted')).toBe('yes');
    expect(getAttribute(amplitude, '/group_properties/polluted', '__proto__')).toBe('yes');
  });
});
