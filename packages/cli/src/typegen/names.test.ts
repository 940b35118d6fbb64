import { describe, expect, it } from 'vitest';
import { camelName, commentText, propertyName, uniqueCamelNames } from './names.js';

describe('camelName', () => {
  it.each([
    ['checkout-redesign', 'checkoutRedesign'],
    ['search_v2', 'searchV2'],
    ['Dark.Mode', 'darkMode'],
    ['2fa', 'flag2fa'],
    ['__proto__', 'proto'],
    ['---', 'flag'],
  ])('names %s %s', (key, name) => {
    expect(camelName(key)).toBe(name);
  });
});

describe('uniqueCamelNames', () => {
  it('suffixes names already taken, in key order', () => {
    expect(uniqueCamelNames(['dark-mode', 'dark_mode', 'darkMode'])).toEqual(['darkMode', 'darkMode_2', 'darkMode_3']);
  });
});

describe('propertyName and commentText', () => {
  it('quotes property names that are not identifiers', () => {
    expect(propertyName('max_items')).toBe('max_items');
    expect(propertyName('max-items')).toBe('"max-items"');
    expect(propertyName('1st')).toBe('"1st"');
  });

  it('keeps comment text on one line and unable to close the comment', () => {
    expect(commentText('Checkout\n  redesign */ now')).toBe('Checkout redesign *\\/ now');
  });
});
