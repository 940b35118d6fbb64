// autocannon, loaded from the flag server's devDependencies (the bench package does not depend on it itself).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** What one load run measured. */
export interface LoadResult {
  name: string;
  /** Mean requests per second over the run. */
  rps: number;
  /** Latency percentiles, ms. */
  p50: number;
  p99: number;
  requests: number;
  /** Answers outside 2xx/3xx plus socket errors and timeouts. */
  failures: number;
}

/** One kind of request of a run. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  /** Bodies used in turn (POST). */
  bodies?: readonly string[];
  /** A fresh body per request (POST); wins over `bodies`. */
  body?: () => string;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
  '3xx'?: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

const flagServerPackage = fileURLToPath(new URL('../../../apps/flag-server/package.json', import.meta.url));
const autocannon = createRequire(flagServerPackage)('autocannon') as Autocannon;

/**
 * Runs autocannon against the server (a separate process) for `seconds` with `connections` keep-alive connections.
 *
 * @example
 * await load('datafile 304', url, { method: 'GET', path: '/v1/datafiles/k.json', headers: { 'if-none-match': etag } }, 64, 5);
 */
export async function load(name: string, url: string, request: LoadRequest, connections: number, seconds: number): Promise<LoadResult> {
  let i = 0;
  const bodies = request.bodies ?? [];
  const next = request.body ?? (() => bodies[i++ % bodies.length]);
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: request.method,
        path: request.path,
        headers: request.headers,
        ...(bodies.length > 0 || request.body ? { setupRequest: (r: Record<string, unknown>) => ({ ...r, body: next() }) } : {}),
      },
    ],
  });
  // autocannon counts 304 as non-2xx; a 304 is the answer asked for here.
  const ok = result['2xx'] + (result['3xx'] ?? 0);
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.requests.total - ok + result.errors + result.timeouts,
  };
}
