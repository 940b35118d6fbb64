import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { httpError } from './errors.js';

const gunzipAsync = promisify(gunzip);

/**
 * Makes JSON the only body type (another media type is 415) and parses it with one that accepts `Content-Encoding: gzip` (what the SDK's dispatcher sends
 * above 4 KiB) and `identity`, and answers 415 for other codings, 400 for a broken gzip stream or JSON, and 413
 * for a body larger than the route's `bodyLimit` once decompressed too (a gzip bomb stops at the limit). Keys named `__proto__` and
 * `constructor.prototype` are removed from parsed objects (Fastify's secure parser).
 *
 * @example
 * registerJsonBodies(app);
 */
export function registerJsonBodies(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('remove', 'remove');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const limit = request.routeOptions.bodyLimit;
    const encoding = String(request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    const decode = async (): Promise<Buffer> => {
      const raw = body as Buffer;
      if (encoding === 'identity' || encoding === '') return raw;
      if (encoding !== 'gzip' && encoding !== 'x-gzip') throw httpError(415, 'BAD_CONTENT_ENCODING', `content-encoding "${encoding.slice(0, 40)}" is not supported (gzip or identity)`);
      try {
        return await gunzipAsync(raw, { maxOutputLength: limit });
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code === 'ERR_BUFFER_TOO_LARGE') throw httpError(413, 'BODY_TOO_LARGE', `the decompressed body is larger than ${limit} bytes`);
        throw httpError(400, 'BAD_CONTENT_ENCODING', 'the body is not valid gzip');
      }
    };
    decode().then(
      (bytes) => {
        if (bytes.length > limit) {
          done(httpError(413, 'BODY_TOO_LARGE', `the body is larger than ${limit} bytes`), undefined);
          return;
        }
        parse(request, bytes.toString('utf8'), (error, value) => {
          if (error) done(httpError(400, 'INVALID_JSON', `the body is not valid JSON: ${error.message}`), undefined);
          else done(null, value);
        });
      },
      (error: Error) => done(error, undefined),
    );
  });
}
