import type { HttpClient, Logger } from '@ensign/common';
import { safeLog } from '@ensign/common';
import type { OdpUserKey } from './segment-option.js';

/** Where and as whom segments are queried: the ODP host (`https://api.zaius.com`) and the public API key. */
export interface OdpEndpoint {
  host: string;
  publicKey: string;
}

/** One segment query. */
export interface SegmentQuery extends OdpEndpoint {
  userKey: OdpUserKey;
  userValue: string;
  /** The segments to ask about (ODP's `subset`). */
  segments: readonly string[];
}

/** Answers which of the asked segments a user qualifies for; null means "unknown" (an error). Never rejects. */
export interface SegmentFetcher {
  fetch(query: SegmentQuery): Promise<string[] | null>;
}

/** Options of {@link createGraphqlSegmentFetcher}. */
export interface GraphqlSegmentFetcherOptions {
  http: HttpClient;
  logger: Logger;
  /** Timeout of one query, ms. Default 10 000. */
  timeoutMs?: number;
}

/**
 * The GraphQL document of a segment query, the shape ODP understands:
 * `query {customer(fs_user_id: "u") {audiences(subset: ["a","b"]) {edges {node {name state}}}}}`. Values are written
 * as JSON strings, so quotes and backslashes in ids cannot change the query.
 *
 * @example
 * segmentsQueryText('fs_user_id', 'user-42', ['vip']);
 */
export function segmentsQueryText(userKey: OdpUserKey, userValue: string, segments: readonly string[]): string {
  const subset = segments.map((s) => JSON.stringify(s)).join(',');
  return `query {customer(${userKey}: ${JSON.stringify(userValue)}) {audiences(subset: [${subset}]) {edges {node {name state}}}}}`;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Reads an ODP GraphQL answer: the names of the `edges` whose node `state` is `qualified`, or a message saying why
 * the answer cannot be used (GraphQL `errors`, a missing `customer.audiences.edges`).
 *
 * @example
 * parseSegmentsAnswer('{"data":{"customer":{"audiences":{"edges":[{"node":{"name":"vip","state":"qualified"}}]}}}}');
 * // { ok: true, segments: ['vip'] }
 */
export function parseSegmentsAnswer(body: string): { ok: true; segments: string[] } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, message: 'the answer is not JSON' };
  }
  const root = json as { errors?: unknown; data?: { customer?: { audiences?: { edges?: unknown } } } } | null;
  if (root === null || typeof root !== 'object') return { ok: false, message: 'the answer is not an object' };
  if (Array.isArray(root.errors) && root.errors.length > 0) {
    const first = root.errors[0] as { message?: unknown; extensions?: { code?: unknown; classification?: unknown } } | null;
    const code = first?.extensions?.code ?? first?.extensions?.classification;
    const message = typeof first?.message === 'string' ? first.message : 'GraphQL error';
    return { ok: false, message: `${typeof code === 'string' ? `${code}: ` : ''}${message.slice(0, 200)}` };
  }
  const edges = root.data?.customer?.audiences?.edges;
  if (!Array.isArray(edges)) return { ok: false, message: 'the answer has no data.customer.audiences.edges' };
  const segments: string[] = [];
  for (const edge of edges) {
    const node = (edge as { node?: { name?: unknown; state?: unknown } } | null)?.node;
    if (node && typeof node.name === 'string' && node.state === 'qualified') segments.push(node.name);
  }
  return { ok: true, segments };
}

/**
 * Creates the fetcher that asks an ODP host: `POST {host}/v3/graphql` with `x-api-key: {publicKey}` and the query
 * of {@link segmentsQueryText}. An empty segment list answers `[]` without a request. A network error, a non-2xx
 * status, GraphQL `errors` or an unreadable body answer null ("unknown") with one error log line; it never rejects.
 *
 * @example
 * const fetcher = createGraphqlSegmentFetcher({ http, logger });
 * await fetcher.fetch({ host, publicKey, userKey: 'fs_user_id', userValue: 'user-42', segments: ['vip'] }); // ['vip']
 */
export function createGraphqlSegmentFetcher(options: GraphqlSegmentFetcherOptions): SegmentFetcher {
  const { http, logger } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const failed = (why: string): null => {
    safeLog(logger, 'error', `ODP segments fetch failed (${why})`);
    return null;
  };
  return {
    async fetch(query) {
      if (query.segments.length === 0) return [];
      if (!query.host || !query.publicKey) return failed('no ODP host or public key');
      let response;
      try {
        response = await http.request({
          method: 'POST',
          url: `${query.host.replace(/\/+$/, '')}/v3/graphql`,
          headers: { 'content-type': 'application/json', 'x-api-key': query.publicKey },
          body: JSON.stringify({ query: segmentsQueryText(query.userKey, query.userValue, query.segments) }),
          timeoutMs,
        });
      } catch (error) {
        return failed(`network error: ${describe(error)}`);
      }
      if (response.status < 200 || response.status >= 300) return failed(`status ${response.status}`);
      const parsed = parseSegmentsAnswer(response.body);
      return parsed.ok ? parsed.segments : failed(parsed.message);
    },
  };
}
