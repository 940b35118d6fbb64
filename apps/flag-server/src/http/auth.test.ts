import { describe, expect, it } from 'vitest';
import { maskUrl, sdkKeyOf } from './auth.js';

describe('sdkKeyOf', () => {
  it.each([
    [{ authorization: 'Api-Key sdk-1' }, 'sdk-1'],
    [{ authorization: 'api-key   sdk-1 ' }, 'sdk-1'],
    [{ authorization: 'Bearer sdk-1' }, 'sdk-1'],
    [{ authorization: 'sdk-1' }, 'sdk-1'],
    [{ 'x-api-key': 'sdk-2', authorization: 'Bearer sdk-1' }, 'sdk-2'],
    [{ authorization: 'Bearer ' }, null],
    [{}, null],
  ])('reads %j as %s', (headers, expected) => {
    expect(sdkKeyOf(headers)).toBe(expected);
  });
});

describe('maskUrl', () => {
  it('masks the key of datafile and stream paths and leaves other paths alone', () => {
    expect(maskUrl('/v1/datafiles/sdk-prod-1234567890.json')).toBe('/v1/datafiles/****7890.json');
    expect(maskUrl('/v1/datafiles/sdk-prod-1234567890.json?x=1')).toBe('/v1/datafiles/****7890.json?x=1');
    expect(maskUrl('/v1/stream/sdk-prod-1234567890')).toBe('/v1/stream/****7890');
    expect(maskUrl('/v1/stream/short')).toBe('/v1/stream/****');
    expect(maskUrl('/v1/evaluate')).toBe('/v1/evaluate');
  });
});
