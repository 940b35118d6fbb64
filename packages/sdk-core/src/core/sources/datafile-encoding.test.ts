import { describe, expect, it } from 'vitest';
import { urlForEncoding } from './datafile-encoding.js';

describe('urlForEncoding', () => {
  it.each([
    ['http://127.0.0.1:8080/v1/datafiles/k.json', 'compact', 'http://127.0.0.1:8080/v1/datafiles/k.json?encoding=compact'],
    ['http://127.0.0.1:8080/v1/stream/k', 'compact', 'http://127.0.0.1:8080/v1/stream/k?encoding=compact'],
    ['http://127.0.0.1:8080/v1/datafiles/k.json', 'plain', 'http://127.0.0.1:8080/v1/datafiles/k.json'],
    ['https://cdn.example/df.json?v=2', 'compact', 'https://cdn.example/df.json?v=2&encoding=compact'],
    ['https://cdn.example/df.json?', 'compact', 'https://cdn.example/df.json?encoding=compact'],
    ['https://cdn.example/df.json?v=2&', 'compact', 'https://cdn.example/df.json?v=2&encoding=compact'],
    ['https://cdn.example/df.json#top', 'compact', 'https://cdn.example/df.json?encoding=compact#top'],
    ['https://cdn.example/df.json?encoding=plain', 'compact', 'https://cdn.example/df.json?encoding=plain'],
    ['https://cdn.example/df.json?myencoding=x', 'compact', 'https://cdn.example/df.json?myencoding=x&encoding=compact'],
  ] as const)('turns %s (%s) into %s', (url, encoding, expected) => {
    expect(urlForEncoding(url, encoding)).toBe(expected);
  });
});
