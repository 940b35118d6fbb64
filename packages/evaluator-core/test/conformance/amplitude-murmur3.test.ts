// Amplitude's MurmurHash3 vectors (experiment-js-client packages/experiment-core/test/evaluation/murmur3.test.ts):
// 4 named strings (ASCII, emoji, CJK) and 1 999 English words at seed 0x7f3a21ea.
import { describe, expect, it } from 'vitest';
import { murmur3, murmur3Amplitude } from '@ensign/evaluator-core/bucketing';
import { arrayAt, assertReadable, readVectorFile } from './vendor-vectors.js';

interface MurmurVector {
  input: string;
  seed: number;
  hash32x86: number;
}

function isMurmurVector(v: unknown): v is MurmurVector {
  const o = v as MurmurVector;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.input === 'string' &&
    typeof o.seed === 'number' &&
    typeof o.hash32x86 === 'number'
  );
}

const file = readVectorFile('amplitude/murmur3_x86_32.json');
const vectors = (file.ok ? (arrayAt(file.data, 'vectors') ?? []) : []).filter(isMurmurVector);

describe('Amplitude murmur3_x86_32.json', () => {
  it('is present and holds the whole vector list', () => {
    assertReadable(file);
    expect(arrayAt(file.data, 'vectors'), `${file.path} has no "vectors" array`).not.toBeNull();
    // every entry is well formed; the vendor's list is 4 named strings plus 1 999 words
    expect(vectors.length).toBe(arrayAt(file.data, 'vectors')!.length);
    expect(vectors.length).toBeGreaterThanOrEqual(2000);
  });

  it('holds non-ASCII vectors (emoji, CJK), so the UTF-8 path is checked', () => {
    expect(vectors.filter((v) => /[^\x00-\x7f]/.test(v.input)).length).toBeGreaterThanOrEqual(2);
  });

  it.each(vectors.filter((v) => /[^\x00-\x7f]/.test(v.input) || v.seed === 0))(
    'hashes $input at seed $seed to $hash32x86',
    ({ input, seed, hash32x86 }) => {
      expect(murmur3Amplitude(input, seed)).toBe(hash32x86);
      expect(murmur3(input, seed)).toBe(hash32x86);
    },
  );

  it('hashes every vector to its expected value with both encoders', () => {
    const mismatches = vectors
      .map((v) => ({ ...v, amplitude: murmur3Amplitude(v.input, v.seed), utf8: murmur3(v.input, v.seed) }))
      .filter((v) => v.amplitude !== v.hash32x86 || v.utf8 !== v.hash32x86);
    expect(mismatches).toEqual([]);
  });
});
