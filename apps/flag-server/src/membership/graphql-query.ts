/** A segments query as ODP's GraphQL endpoint receives it, read into its parts. */
export interface SegmentsQuery {
  userKey: 'fs_user_id' | 'vuid';
  userValue: string;
  subset: string[];
}

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const SHAPE = new RegExp(
  String.raw`^\s*query\s*(?:[A-Za-z_][A-Za-z0-9_]*\s*)?\{\s*customer\s*\(\s*(fs_user_id|vuid)\s*:\s*(${STRING})\s*\)\s*\{\s*audiences\s*\(\s*subset\s*:\s*\[\s*((?:${STRING}\s*,?\s*)*)\]\s*\)\s*\{\s*edges\s*\{\s*node\s*\{\s*(?:name\s*,?\s*state|state\s*,?\s*name)\s*\}\s*\}\s*\}\s*\}\s*\}\s*$`,
);
const STRINGS = new RegExp(STRING, 'g');

/**
 * Reads the one query shape the segments endpoint answers, ODP's:
 * `query {customer(fs_user_id: "user-42") {audiences(subset: ["vip"]) {edges {node {name state}}}}}` (or `vuid`).
 * Strings are GraphQL/JSON string literals. Anything else is an error that says what was expected.
 *
 * @example
 * parseSegmentsQuery('query {customer(vuid: "vuid_1") {audiences(subset: []) {edges {node {name state}}}}}');
 * // { ok: true, query: { userKey: 'vuid', userValue: 'vuid_1', subset: [] } }
 */
export function parseSegmentsQuery(body: unknown): { ok: true; query: SegmentsQuery } | { ok: false; message: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, message: 'the body must be a JSON object with a "query" string' };
  const text = (body as { query?: unknown }).query;
  if (typeof text !== 'string') return { ok: false, message: 'the body must have a "query" string' };
  if (text.length > 64 * 1024) return { ok: false, message: 'the query is longer than 64 KiB' };
  const match = SHAPE.exec(text);
  if (match === null) {
    return {
      ok: false,
      message: 'only the ODP segments query is supported: query {customer(fs_user_id: "<id>") {audiences(subset: ["<segment>", ...]) {edges {node {name state}}}}} (or vuid: "<vuid>")',
    };
  }
  try {
    const userValue = JSON.parse(match[2] as string) as string;
    const subset = [...(match[3] ?? '').matchAll(STRINGS)].map((m) => JSON.parse(m[0]) as string);
    if (userValue === '') return { ok: false, message: `${match[1]} must not be empty` };
    return { ok: true, query: { userKey: match[1] as 'fs_user_id' | 'vuid', userValue, subset } };
  } catch {
    return { ok: false, message: 'a string in the query is not a valid string literal' };
  }
}
