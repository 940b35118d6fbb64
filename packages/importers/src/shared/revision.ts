// A revision for vendor inputs that carry none: a short content hash, so the same input always gets the same one.

/**
 * FNV-1a (32 bit) of the text's UTF-16 code units, as 8 hex digits prefixed by `import-`.
 *
 * @example
 * contentRevision('{}'); // 'import-xxxxxxxx' (the same for the same text)
 */
export function contentRevision(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `import-${(h >>> 0).toString(16).padStart(8, '0')}`;
}
