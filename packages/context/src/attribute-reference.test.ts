import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attributeReferenceFromComponents,
  escapeReferenceComponent,
  literalAttributeReference,
  parseAttributeReference,
  toAttributeReference,
} from './attribute-reference.js';

describe('parseAttributeReference', () => {
  // The valid rows of LaunchDarkly's table (sdk-test-harness attribute-references.yml, AttributeReference.ts).
  it.each([
    ['attr1', ['attr1']],
    ['/attr1', ['attr1']],
    ['attr/a', ['attr/a']],
    ['/attr~1a', ['attr/a']],
    ['attr~a', ['attr~a']],
    ['/attr~0a', ['attr~a']],
    ['/attr1/prop1', ['attr1', 'prop1']],
    ['/attr1/prop~1a', ['attr1', 'prop/a']],
    ['/attr1/prop1/prop2', ['attr1', 'prop1', 'prop2']],
    ['/~01', ['~1']],
    ['/~10', ['/0']],
    ['a//b', ['a//b']],
    ['a~', ['a~']],
  ])('reads %j as the components %j', (ref, components) => {
    const parsed = parseAttributeReference(ref);
    expect(parsed.valid).toBe(true);
    expect(parsed.error).toBeUndefined();
    expect(parsed.components).toEqual(components);
    expect(parsed.raw).toBe(ref);
    expect(parsed.redactionName).toBe(ref);
  });

  it.each([
    ['', 'empty'],
    ['/', '"/"'],
    ['//', 'empty path component'],
    ['/a//b', 'empty path component'],
    ['/a/', 'empty path component'],
    ['/~2', '"~" not followed'],
    ['/a~', '"~" not followed'],
    ['/a/b~x', '"~" not followed'],
    ['/_meta', '_meta'],
    ['/_meta/privateAttributes', '_meta'],
    ['_meta', '_meta'],
  ])('rejects %j, saying why', (ref, reason) => {
    const parsed = parseAttributeReference(ref);
    expect(parsed.valid).toBe(false);
    expect(parsed.error).toContain(reason);
    expect(parsed.components).toEqual([]);
  });

  it('accepts _meta below the top level', () => {
    expect(parseAttributeReference('/address/_meta').components).toEqual(['address', '_meta']);
  });

  it('returns frozen references', () => {
    const parsed = parseAttributeReference('/a/b');
    expect(Object.isFrozen(parsed)).toBe(true);
    expect(Object.isFrozen(parsed.components)).toBe(true);
  });
});

describe('literalAttributeReference', () => {
  it('keeps a name starting with "/" as one component and escapes its redaction name', () => {
    const ref = literalAttributeReference('/why');
    expect(ref.components).toEqual(['/why']);
    expect(ref.redactionName).toBe('/~1why');
    expect(ref.raw).toBe('/why');
  });

  it('escapes "~" too in a redaction name that needs escaping', () => {
    expect(literalAttributeReference('/a~b').redactionName).toBe('/~1a~0b');
  });

  it('keeps other names as they are', () => {
    expect(literalAttributeReference('a/b~c').redactionName).toBe('a/b~c');
    expect(literalAttributeReference('a/b~c').components).toEqual(['a/b~c']);
  });

  it('rejects the empty name and _meta', () => {
    expect(literalAttributeReference('').valid).toBe(false);
    expect(literalAttributeReference('_meta').valid).toBe(false);
  });

  it('gives a redaction name that parses back to the same literal', () => {
    for (const name of ['/why', '/a/b', '~', '/~0']) {
      expect(parseAttributeReference(literalAttributeReference(name).redactionName).components).toEqual([name]);
    }
  });
});

describe('attributeReferenceFromComponents and escapeReferenceComponent', () => {
  it('escapes "~" before "/"', () => {
    expect(escapeReferenceComponent('a/b~c')).toBe('a~1b~0c');
    expect(escapeReferenceComponent('~1')).toBe('~01');
  });

  it('builds the slash form', () => {
    const ref = attributeReferenceFromComponents(['user_properties', 'plan/tier']);
    expect(ref.raw).toBe('/user_properties/plan~1tier');
    expect(ref.components).toEqual(['user_properties', 'plan/tier']);
  });

  it('rejects no components, an empty component, and _meta first', () => {
    expect(attributeReferenceFromComponents([]).valid).toBe(false);
    expect(attributeReferenceFromComponents(['a', '']).valid).toBe(false);
    expect(attributeReferenceFromComponents(['_meta']).valid).toBe(false);
  });

  it('passes a parsed reference through toAttributeReference', () => {
    const ref = parseAttributeReference('/a');
    expect(toAttributeReference(ref)).toBe(ref);
    expect(toAttributeReference('/a').components).toEqual(['a']);
  });
});

describe('escape and parse round trip (property)', () => {
  const component = fc.string({ unit: fc.constantFrom('a', 'b', '/', '~', '0', '1', 'é', '_meta'), minLength: 1, maxLength: 8 });

  it('parses "/" + escaped components back to the same components', () => {
    fc.assert(
      fc.property(fc.array(component, { minLength: 1, maxLength: 5 }), (components) => {
        fc.pre(components[0] !== '_meta');
        const ref = parseAttributeReference(`/${components.map(escapeReferenceComponent).join('/')}`);
        expect(ref.valid).toBe(true);
        expect(ref.components).toEqual(components);
      }),
      { numRuns: 200 },
    );
  });

  it('does the same through attributeReferenceFromComponents', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }), (components) => {
        fc.pre(components[0] !== '_meta');
        const built = attributeReferenceFromComponents(components);
        expect(parseAttributeReference(built.raw).components).toEqual(components);
      }),
      { numRuns: 200 },
    );
  });
});
