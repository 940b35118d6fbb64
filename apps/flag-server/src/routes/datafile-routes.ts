import type { FastifyInstance } from 'fastify';
import { httpError } from '../http/errors.js';
import { chooseCoding, ifNoneMatchHits } from '../http/negotiation.js';
import type { RouteDeps } from './context.js';
import { revisionOf, targetOfKey } from './context.js';

/** The header carrying the datafile signatures: `<keyId>=<base64>[, <keyId>=<base64>]`. */
export const SIGNATURE_HEADER = 'x-ensign-signature';

/**
 * `GET /v1/datafiles/{sdkKey}.json`: the exact bytes of the environment's datafile file, with a strong `ETag` (the
 * SHA-256 of those bytes; the same tag for every content coding), `Cache-Control: no-cache`, `Vary:
 * Accept-Encoding`, `x-ensign-signature` when signing keys exist, and brotli or gzip by `Accept-Encoding`
 * (compressed once per revision). `If-None-Match` with the current tag answers 304. Unknown key: 401.
 *
 * @example
 * registerDatafileRoutes(app, deps);
 */
export function registerDatafileRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get<{ Params: { file: string } }>('/v1/datafiles/:file', async (request, reply) => {
    const file = request.params.file;
    if (!file.endsWith('.json') || file.length <= '.json'.length) throw httpError(404, 'NOT_FOUND', 'datafiles are at /v1/datafiles/{sdkKey}.json');
    const revision = revisionOf(targetOfKey(deps.store, file.slice(0, -'.json'.length)));
    reply
      .header('etag', revision.etag)
      .header('cache-control', 'no-cache')
      .header('vary', 'Accept-Encoding')
      .header('x-ensign-revision', revision.hash);
    if (revision.signatureHeader !== null) reply.header(SIGNATURE_HEADER, revision.signatureHeader);
    if (ifNoneMatchHits(request.headers['if-none-match'], revision.etag)) return reply.code(304).send();
    reply.header('content-type', 'application/json; charset=utf-8');
    const coding = chooseCoding(request.headers['accept-encoding']);
    if (coding === null) return reply.send(revision.bytes);
    const body = await revision.encoded(coding);
    return reply.header('content-encoding', coding).send(body);
  });

  // No HEAD route: a stream answered to HEAD would never end.
  app.get<{ Params: { sdkKey: string } }>('/v1/stream/:sdkKey', { exposeHeadRoute: false }, async (request, reply) => {
    targetOfKey(deps.store, request.params.sdkKey);
    reply.hijack();
    deps.hub.open(request.params.sdkKey, reply.raw);
  });
}
