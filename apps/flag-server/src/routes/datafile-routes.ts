import type { FastifyInstance } from 'fastify';
import { httpError } from '../http/errors.js';
import { chooseCoding, datafileEncodingOf, ifNoneMatchHits } from '../http/negotiation.js';
import type { RouteDeps } from './context.js';
import { revisionOf, targetOfKey } from './context.js';

/** The header carrying the datafile signatures: `<keyId>=<base64>[, <keyId>=<base64>]`. */
export const SIGNATURE_HEADER = 'x-ensign-signature';

/** The header naming the encoding of the datafile bytes served: `plain` (the file as written) or `compact`. */
export const ENCODING_HEADER = 'x-ensign-datafile-encoding';

/**
 * `GET /v1/datafiles/{sdkKey}.json[?encoding=compact]`: the datafile of the key's environment. Without the parameter
 * (or with another value), the exact bytes of the file; with `?encoding=compact`, the same datafile in the compact
 * encoding (flag templates, written once per revision), which an Ensign SDK asks for by default. Each encoding has
 * its own strong `ETag` (the SHA-256 of the bytes it serves; the same tag for every content coding) and its own
 * `x-ensign-signature` over those bytes; `x-ensign-revision` repeats the hash and `x-ensign-datafile-encoding` names
 * the encoding served (`plain` when the file cannot be compacted whole, e.g. it has quarantined entities). Also
 * `Cache-Control: no-cache`, `Vary: Accept-Encoding`, and brotli or gzip by `Accept-Encoding` (compressed once per
 * revision and encoding). `If-None-Match` with the current tag of the encoding asked answers 304. Unknown key: 401.
 *
 * @example
 * registerDatafileRoutes(app, deps);
 */
export function registerDatafileRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get<{ Params: { file: string } }>('/v1/datafiles/:file', async (request, reply) => {
    const file = request.params.file;
    if (!file.endsWith('.json') || file.length <= '.json'.length) throw httpError(404, 'NOT_FOUND', 'datafiles are at /v1/datafiles/{sdkKey}.json');
    const revision = revisionOf(targetOfKey(deps.store, file.slice(0, -'.json'.length)));
    const served = revision.representation(datafileEncodingOf(request.query));
    reply
      .header('etag', served.etag)
      .header('cache-control', 'no-cache')
      .header('vary', 'Accept-Encoding')
      .header('x-ensign-revision', served.hash)
      .header(ENCODING_HEADER, served.encoding);
    if (served.signatureHeader !== null) reply.header(SIGNATURE_HEADER, served.signatureHeader);
    if (ifNoneMatchHits(request.headers['if-none-match'], served.etag)) return reply.code(304).send();
    reply.header('content-type', 'application/json; charset=utf-8');
    const coding = chooseCoding(request.headers['accept-encoding']);
    if (coding === null) return reply.send(served.bytes);
    const body = await served.encoded(coding);
    return reply.header('content-encoding', coding).send(body);
  });

  // No HEAD route: a stream answered to HEAD would never end. `?encoding=compact` as for the datafile route.
  app.get<{ Params: { sdkKey: string } }>('/v1/stream/:sdkKey', { exposeHeadRoute: false }, async (request, reply) => {
    targetOfKey(deps.store, request.params.sdkKey);
    reply.hijack();
    deps.hub.open(request.params.sdkKey, reply.raw, datafileEncodingOf(request.query));
  });
}
