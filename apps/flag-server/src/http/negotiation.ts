import type { ContentCoding, DatafileEncoding } from '../data/revision.js';

/**
 * The content coding to answer for an `Accept-Encoding` header: `br` when accepted, else `gzip`, else identity
 * (null). Quality values are honoured (`q=0` refuses a coding; `*` stands for codings not named); at equal quality
 * brotli wins (smaller datafiles).
 *
 * @example
 * chooseCoding('gzip, deflate, br'); // 'br'
 * chooseCoding('br;q=0, gzip'); // 'gzip'
 * chooseCoding(undefined); // null
 */
export function chooseCoding(header: string | string[] | undefined): ContentCoding | null {
  if (header === undefined) return null;
  const text = Array.isArray(header) ? header.join(',') : header;
  const q = new Map<string, number>();
  for (const part of text.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let quality = 1;
    for (const param of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(param);
      if (m) quality = Number(m[1]);
    }
    if (Number.isFinite(quality)) q.set(name.trim(), quality);
  }
  const star = q.get('*');
  const qualityOf = (coding: string) => q.get(coding) ?? star ?? 0;
  const br = qualityOf('br');
  const gzip = Math.max(qualityOf('gzip'), q.get('x-gzip') ?? 0);
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return null;
}

/**
 * Whether an `If-None-Match` header matches an entity tag: `*`, or any listed tag equal to it under the weak
 * comparison RFC 9110 prescribes for `If-None-Match` (a `W/` prefix is ignored).
 *
 * @example
 * ifNoneMatchHits('"abc", "def"', '"def"'); // true
 * ifNoneMatchHits('W/"abc"', '"abc"'); // true
 */
export function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  for (const m of text.matchAll(/(?:W\/)?"[^"]*"/g)) if (m[0].replace(/^W\//, '') === bare) return true;
  return false;
}

/** The query parameter a client asks for a datafile encoding with: `?encoding=compact`. */
export const ENCODING_PARAMETER = 'encoding';

/**
 * The datafile encoding a request's query asks for: `compact` for `?encoding=compact`, else `plain` (no parameter,
 * `plain`, or a value this server does not know, so that a client asking for a later encoding still gets a datafile
 * every SDK reads). The encoding is in the URL, not in a header, so that every cache keys the two apart without
 * relying on `Vary`.
 *
 * @example
 * datafileEncodingOf({ encoding: 'compact' }); // 'compact'
 * datafileEncodingOf({}); // 'plain'
 */
export function datafileEncodingOf(query: unknown): DatafileEncoding {
  const value = typeof query === 'object' && query !== null ? (query as Record<string, unknown>)[ENCODING_PARAMETER] : undefined;
  return value === 'compact' ? 'compact' : 'plain';
}
