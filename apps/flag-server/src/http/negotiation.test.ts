import { describe, expect, it } from 'vitest';
import { chooseCoding, datafileEncodingOf, ifNoneMatchHits } from './negotiation.js';

describe('chooseCoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['gzip;q=0', null],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    [['gzip', 'br'], 'br'],
  ] as const)('answers %j with %s', (header, expected) => {
    expect(chooseCoding(header as string | string[] | undefined)).toBe(expected);
  });
});

describe('ifNoneMatchHits', () => {
  it('matches the tag, a list holding it, a weak form of it, and *', () => {
    expect(ifNoneMatchHits('"abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchHits('"x", "abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchHits('W/"abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchHits('*', '"abc"')).toBe(true);
  });
  it('does not match another tag, a bare token or nothing', () => {
    expect(ifNoneMatchHits('"abd"', '"abc"')).toBe(false);
    expect(ifNoneMatchHits('abc', '"abc"')).toBe(false);
    expect(ifNoneMatchHits(undefined, '"abc"')).toBe(false);
  });
});

describe('datafileEncodingOf', () => {
  it.each([
    [{ encoding: 'compact' }, 'compact'],
    [{ encoding: 'plain' }, 'plain'],
    [{}, 'plain'],
    [undefined, 'plain'],
    [{ encoding: 'compact-v2' }, 'plain'],
    [{ encoding: ['compact', 'plain'] }, 'plain'],
    [{ Encoding: 'compact' }, 'plain'],
  ] as const)('reads %j as %s', (query, expected) => {
    expect(datafileEncodingOf(query)).toBe(expected);
  });
});
