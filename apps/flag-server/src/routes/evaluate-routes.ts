import { createHash } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validateContext } from '@ensign/context';
import type { AmplitudeUser } from '@ensign/context';
import { contextVariants } from '../evaluation/context-variants.js';
import { ofrepContext, ofrepEvaluate } from '../evaluation/ofrep.js';
import type { OfrepFailure, OfrepSuccess } from '../evaluation/ofrep.js';
import { classifyError, httpError } from '../http/errors.js';
import { ifNoneMatchHits } from '../http/negotiation.js';
import type { RouteDeps } from './context.js';
import { revisionOf, targetOfRequest } from './context.js';

interface EvaluateBody {
  user?: unknown;
  context?: unknown;
  flagKeys?: unknown;
}

const isId = (value: unknown): boolean => typeof value === 'string' && value !== '';

function flagKeysOf(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((k) => typeof k === 'string')) throw httpError(400, 'INVALID_BODY', 'flagKeys must be an array of strings');
  return value as string[];
}

/** OFREP routes answer their own error shapes: `{ errorDetails }` (plus `errorCode` for 400s). */
function ofrepErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, code, message, internal } = classifyError(error);
  if (internal) request.log.error({ err: error }, 'OFREP request failed');
  const key = (request.params as { key?: string } | undefined)?.key;
  if (status === 400) {
    const body: Partial<OfrepFailure> = { errorCode: 'PARSE_ERROR', errorDetails: message };
    if (key !== undefined) body.key = key;
    return reply.code(400).send(body);
  }
  return reply.code(status).send({ errorCode: code, errorDetails: message });
}

/**
 * `POST /v1/evaluate` (remote evaluation, the answer of Amplitude's `fetchV2`) and the OFREP endpoints
 * `POST /ofrep/v1/evaluate/flags/{key}` and `POST /ofrep/v1/evaluate/flags` (see the README for the bodies).
 *
 * @example
 * registerEvaluateRoutes(app, deps);
 */
export function registerEvaluateRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post<{ Body: EvaluateBody | undefined }>('/v1/evaluate', async (request, reply) => {
    const revision = revisionOf(targetOfRequest(deps.store, request));
    const body = request.body ?? {};
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw httpError(400, 'INVALID_BODY', 'the body must be a JSON object: { user | context, flagKeys? }');
    const flagKeys = flagKeysOf(body.flagKeys);
    if (body.user !== undefined && body.context !== undefined) throw httpError(400, 'INVALID_BODY', 'send either user or context, not both');
    if (body.context !== undefined) {
      const checked = validateContext(body.context);
      if (!checked.ok) throw httpError(400, 'INVALID_CONTEXT', `invalid context: ${checked.error}`);
      return reply.header('cache-control', 'no-store').send(contextVariants(revision, checked.context, flagKeys));
    }
    if (typeof body.user !== 'object' || body.user === null || Array.isArray(body.user)) throw httpError(400, 'INVALID_USER', 'user must be an object with a user_id or a device_id');
    const { user_id: userId, device_id: deviceId } = body.user as Record<string, unknown>;
    if (!isId(userId) && !isId(deviceId)) throw httpError(400, 'INVALID_USER', 'user needs a non-empty user_id or device_id');
    return reply.header('cache-control', 'no-store').send(revision.client.evaluate(body.user as AmplitudeUser, flagKeys));
  });

  app.register(async (ofrep) => {
    ofrep.setErrorHandler(ofrepErrorHandler);

    ofrep.post<{ Params: { key: string }; Body: unknown }>('/ofrep/v1/evaluate/flags/:key', async (request, reply) => {
      const revision = revisionOf(targetOfRequest(deps.store, request));
      const key = request.params.key;
      const context = ofrepContext(request.body);
      if (!context.ok) return reply.code(400).send({ key, errorCode: context.errorCode, errorDetails: context.errorDetails } satisfies OfrepFailure);
      const answer = ofrepEvaluate(revision, key, context.context);
      return reply.code(answer.status).send(answer.status === 200 ? { ...answer.body, cacheable: false } : answer.body);
    });

    ofrep.post<{ Body: unknown }>('/ofrep/v1/evaluate/flags', async (request, reply) => {
      const revision = revisionOf(targetOfRequest(deps.store, request));
      const context = ofrepContext(request.body);
      if (!context.ok) return reply.code(400).send({ errorCode: context.errorCode, errorDetails: context.errorDetails });
      const flags: (OfrepSuccess | OfrepFailure)[] = [];
      for (const key of revision.flags.keys()) flags.push(ofrepEvaluate(revision, key, context.context).body);
      const text = JSON.stringify({ flags });
      const etag = `"${createHash('sha256').update(text).digest('base64url')}"`;
      reply.header('etag', etag).header('cache-control', 'no-cache');
      if (ifNoneMatchHits(request.headers['if-none-match'], etag)) return reply.code(304).send();
      return reply.header('content-type', 'application/json; charset=utf-8').send(text);
    });

    ofrep.get('/ofrep/v1/configuration', async (request, reply) => {
      targetOfRequest(deps.store, request);
      return reply.send({
        name: 'ensign-flag-server',
        capabilities: {
          cacheInvalidation: { polling: { enabled: true, minPollingIntervalMs: 1_000 } },
          flagEvaluation: { supportedTypes: ['int', 'float', 'string', 'boolean', 'object'] },
        },
      });
    });
  });
}
