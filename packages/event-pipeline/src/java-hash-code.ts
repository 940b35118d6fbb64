/**
 * Java's `String.hashCode` over UTF-16 code units, as a signed 32-bit integer. Amplitude Experiment uses it in the
 * `insert_id` of assignment and exposure events, so Ensign computes the same ids.
 *
 * @example
 * javaHashCode('user123 device456 flag-key-1 on flag-key-2 control '); // 1959595651
 */
export function javaHashCode(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}
