// The baseline's murmur3: MurmurHash3 x86 32 (seed 0) of `${prefix}${key}`, with the prefix's state computed once
// and the key's characters read straight from the string (ASCII keys: UUIDs). No allocation, no string building:
// the least work a bucketing hash can do. Equal to Ensign's `ensignBucket` input hash (checked in the smoke test).

/** The hash state after a prefix: h1 after its whole blocks, its last 0–3 bytes, and its length. */
export interface PrefixState {
  readonly h1: number;
  readonly tail: number;
  readonly tailBytes: number;
  readonly length: number;
}

function mix(h1: number, k1: number): number {
  k1 = Math.imul(k1, -862048943); // c1 = 0xcc9e2d51 as an int32 literal
  k1 = (k1 << 15) | (k1 >>> 17);
  h1 ^= Math.imul(k1, 461845907); // c2 = 0x1b873593
  h1 = (h1 << 13) | (h1 >>> 19);
  return (Math.imul(h1, 5) + 0xe6546b64) | 0;
}

/** The state after the ASCII `prefix`. */
export function prefixState(prefix: string): PrefixState {
  let h1 = 0;
  let tail = 0;
  let tailBytes = 0;
  for (let i = 0; i < prefix.length; i++) {
    tail |= prefix.charCodeAt(i) << (tailBytes << 3);
    if (++tailBytes === 4) {
      h1 = mix(h1, tail);
      tail = 0;
      tailBytes = 0;
    }
  }
  return { h1, tail, tailBytes, length: prefix.length };
}

/** The unsigned hash of the prefix followed by the ASCII `key`. */
export function hashKey(s: PrefixState, key: string): number {
  let h1 = s.h1;
  let tail = s.tail;
  let tailBytes = s.tailBytes;
  const n = key.length;
  let i = 0;
  // Complete the prefix's last block, then whole blocks of four characters (the mix written out, literal constants:
  // what the least work looks like in optimized code), then the last 0–3 characters.
  for (; tailBytes !== 0 && i < n; i++) {
    tail |= key.charCodeAt(i) << (tailBytes << 3);
    if (++tailBytes === 4) {
      h1 = mix(h1, tail);
      tail = 0;
      tailBytes = 0;
    }
  }
  for (; i + 4 <= n; i += 4) {
    let k1 = Math.imul(key.charCodeAt(i) | (key.charCodeAt(i + 1) << 8) | (key.charCodeAt(i + 2) << 16) | (key.charCodeAt(i + 3) << 24), -862048943);
    k1 = Math.imul((k1 << 15) | (k1 >>> 17), 461845907);
    h1 ^= k1;
    h1 = (h1 << 13) | (h1 >>> 19);
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
  }
  for (; i < n; i++) {
    tail |= key.charCodeAt(i) << (tailBytes << 3);
    tailBytes++;
  }
  if (tailBytes > 0) {
    let k1 = Math.imul(tail, -862048943);
    k1 = (k1 << 15) | (k1 >>> 17);
    h1 ^= Math.imul(k1, 461845907);
  }
  h1 ^= s.length + n;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  return h1 >>> 0;
}
