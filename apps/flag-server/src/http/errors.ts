import type { FastifyReply } from 'fastify';

/** The codes of the server's JSON errors (`{ "error": { "code", "message" } }`). */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'INVALID_JSON'
  | 'INVALID_BODY'
  | 'INVALID_USER'
  | 'INVALID_CONTEXT'
  | 'INVALID_BATCH'
  | 'BAD_CONTENT_ENCODING'
  | 'MISSING_SDK_KEY'
  | 'UNKNOWN_SDK_KEY'
  | 'NOT_FOUND'
  | 'FLAG_NOT_FOUND'
  | 'BODY_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'REQUEST_TIMEOUT'
  | 'DATAFILE_UNAVAILABLE'
  | 'SHUTTING_DOWN'
  | 'STORE_FAILED'
  | 'INVALID_CREDENTIALS'
  | 'COHORT_NOT_FOUND'
  | 'COHORT_TOO_LARGE'
  | 'MEMBERSHIP_UNAVAILABLE'
  | 'INTERNAL';

/** The body of every error answer outside the OFREP routes. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** An error a route throws to answer a given status with a JSON error body (made by {@link httpError}). */
class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Creates an error that answers `statusCode` with `{ "error": { "code", "message" } }` (or the OFREP shape on OFREP
 * routes): routes throw it, the central error handler answers it.
 *
 * @example
 * throw httpError(401, 'UNKNOWN_SDK_KEY', 'the SDK key is not known to this server');
 */
export function httpError(statusCode: number, code: ErrorCode, message: string): Error {
  return new HttpError(statusCode, code, message);
}

/**
 * Sends a JSON error answer.
 *
 * @example
 * return sendError(reply, 404, 'NOT_FOUND', 'no route GET /nope');
 */
export function sendError(reply: FastifyReply, statusCode: number, code: ErrorCode, message: string): FastifyReply {
  const body: ErrorBody = { error: { code, message } };
  return reply.code(statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
}

/** Fastify's own error codes mapped to our status and code. */
const FASTIFY_CODES: Readonly<Record<string, { status: number; code: ErrorCode }>> = Object.freeze({
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INVALID_JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON' },
  FST_ERR_CTP_EMPTY_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
});

/**
 * What an error thrown in a request becomes: one made by {@link httpError} as it is, Fastify's body and content-type
 * errors as 4xx, a JSON syntax error as 400 `INVALID_JSON`, a request timeout as 408, anything else as 500
 * `INTERNAL` (whose message is not shown to the client).
 *
 * @example
 * classifyError(httpError(401, 'UNKNOWN_SDK_KEY', '...')); // { status: 401, code: 'UNKNOWN_SDK_KEY', message: '...' }
 */
export function classifyError(error: unknown): { status: number; code: ErrorCode; message: string; internal: boolean } {
  if (error instanceof HttpError) return { status: error.statusCode, code: error.code, message: error.message, internal: false };
  const e = (error ?? {}) as { code?: unknown; statusCode?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : 'bad request';
  const known = typeof e.code === 'string' ? FASTIFY_CODES[e.code] : undefined;
  if (known) return { status: known.status, code: known.code, message, internal: false };
  if (error instanceof SyntaxError) return { status: 400, code: 'INVALID_JSON', message: `invalid JSON: ${message}`, internal: false };
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status === 408) return { status, code: 'REQUEST_TIMEOUT', message: 'the request took too long to arrive', internal: false };
  if (status === 413) return { status, code: 'BODY_TOO_LARGE', message, internal: false };
  if (status === 415) return { status, code: 'UNSUPPORTED_MEDIA_TYPE', message, internal: false };
  if (status >= 400 && status < 500) return { status, code: 'BAD_REQUEST', message, internal: false };
  return { status: 500, code: 'INTERNAL', message: 'internal error', internal: true };
}
