import type { FastifyInstance, FastifyReply } from 'fastify';
import { httpError } from '../http/errors.js';
import { sdkKeyOf } from '../http/auth.js';
import { parseSegmentsQuery } from '../membership/graphql-query.js';
import { readSegmentsFile } from '../membership/membership-files.js';
import { validateOdpEvents } from '../membership/odp-event-log.js';
import type { RouteDeps } from './context.js';
import { targetOfRequest } from './context.js';

/** Most ODP events accepted in one request. */
const MAX_ODP_EVENTS = 1_000;

/** A GraphQL error answer: `{ "errors": [{ "message", "extensions": { "code" } }], "data": null }`. */
function graphqlError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send({ errors: [{ message, extensions: { code } }], data: null });
}

/**
 * The ODP host: `POST /v3/graphql` answers ODP's segments query from `<dataDir>/segments/<environment>.json` (every
 * asked segment comes back `qualified` or `not_qualified`; an unknown user qualifies for none), and `POST /v3/events`
 * takes ODP events (kept in memory, `GET /v1/odp/events` lists the latest). The public key (`x-api-key`) is an SDK
 * key of `keys.json` (the default), or the `publicKey` of a datafile's `odp` integration; its environment answers. GraphQL failures answer in GraphQL's error shape.
 *
 * @example
 * registerOdpRoutes(app, deps);
 */
export function registerOdpRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post<{ Body: unknown }>('/v3/graphql', async (request, reply) => {
    const key = sdkKeyOf(request.headers);
    if (key === null) return graphqlError(reply, 401, 'MISSING_API_KEY', 'send the ODP public key as "x-api-key: <key>"');
    const target = deps.store.resolveOdpKey(key);
    if (target === null) return graphqlError(reply, 401, 'UNKNOWN_API_KEY', 'the public key is neither an SDK key of keys.json nor the odp publicKey of a datafile');
    const parsed = parseSegmentsQuery(request.body);
    if (!parsed.ok) return graphqlError(reply, 400, 'INVALID_QUERY', parsed.message);
    const segments = await readSegmentsFile(deps.dataDir, target.environment);
    if (!segments.ok) {
      request.log.error(`segments file unusable: ${segments.message}`);
      return graphqlError(reply, 503, 'SEGMENTS_UNAVAILABLE', segments.message);
    }
    const qualified = new Set(segments.value.get(parsed.query.userValue) ?? []);
    const edges = parsed.query.subset.map((name) => ({ node: { name, state: qualified.has(name) ? 'qualified' : 'not_qualified' } }));
    return reply.header('cache-control', 'no-store').send({ data: { customer: { audiences: { edges } } } });
  });

  app.post<{ Body: unknown }>('/v3/events', async (request, reply) => {
    const key = sdkKeyOf(request.headers);
    if (key === null) throw httpError(401, 'MISSING_SDK_KEY', 'send the ODP public key as "x-api-key: <key>"');
    const target = deps.store.resolveOdpKey(key);
    if (target === null) throw httpError(401, 'UNKNOWN_SDK_KEY', 'the public key is neither an SDK key of keys.json nor the odp publicKey of a datafile');
    const { environment } = target;
    const checked = validateOdpEvents(request.body, MAX_ODP_EVENTS);
    if (!checked.ok) throw httpError(400, 'INVALID_BATCH', checked.message);
    deps.odpEvents.add(environment, checked.events);
    return reply.code(202).send({ title: 'Accepted', status: 202, accepted: checked.events.length });
  });

  app.get<{ Querystring: { limit?: string } }>('/v1/odp/events', async (request, reply) => {
    const { environment } = targetOfRequest(deps.store, request);
    const limit = Math.min(Math.max(Number.parseInt(request.query.limit ?? '100', 10) || 100, 1), 1_000);
    return reply.header('cache-control', 'no-store').send({ environment, total: deps.odpEvents.total(environment), events: deps.odpEvents.recent(environment, limit) });
  });
}
