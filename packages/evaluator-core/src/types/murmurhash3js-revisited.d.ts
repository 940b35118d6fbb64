// Ambient types for `murmurhash3js-revisited` (v3, CommonJS, ships no types). Only the surface we call is typed.
// The functions take bytes, not strings: the caller encodes (see bucketing/hash/utf8.ts).
declare module 'murmurhash3js-revisited' {
  /** A sequence of bytes: each element an integer in [0, 255]. */
  type Bytes = ArrayLike<number>;

  interface MurmurHash3 {
    readonly version: string;
    /**
     * When true (the default), every call first checks that each element is an integer in [0, 255] and returns
     * `undefined` otherwise. Shared, mutable module state: never change it from a library.
     */
    inputValidation: boolean;
    readonly x86: {
      /** MurmurHash3 x86 32-bit of `bytes` with `seed` (default 0): an unsigned 32-bit integer, or `undefined` for invalid bytes. */
      hash32(bytes: Bytes, seed?: number): number | undefined;
      /** MurmurHash3 x86 128-bit as 32 lowercase hex digits, or `undefined` for invalid bytes. */
      hash128(bytes: Bytes, seed?: number): string | undefined;
    };
    readonly x64: {
      /** MurmurHash3 x64 128-bit as 32 lowercase hex digits, or `undefined` for invalid bytes. */
      hash128(bytes: Bytes, seed?: number): string | undefined;
    };
  }

  const murmurHash3: MurmurHash3;
  export = murmurHash3;
}
