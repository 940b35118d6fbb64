import type { FastifyInstance } from 'fastify';
import { httpError } from '../http/errors.js';
import { readCohortFile, readCohortKeys } from '../membership/membership-files.js';
import type { RouteDeps } from './context.js';

/** `Authorization: Basic base64(apiKey:secretKey)` → the pair, or null. */
function basicCredentials(header: unknown): { apiKey: string; secretKey: string } | null {
  if (typeof header !== 'string') return null;
  const match = /^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return null;
  const text = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon <= 0 ? null : { apiKey: text.slice(0, colon), secretKey: text.slice(colon + 1) };
}

function nonNegativeInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,16}$/.test(value)) throw httpError(400, 'BAD_REQUEST', `${name} must be a non-negative integer`);
  return Number(value);
}

/**
 * Amplitude's cohort download API, `GET /sdk/v1/cohort/{cohortId}?maxCohortSize=…&lastModified=…`, served from
 * `<dataDir>/cohorts/<cohortId>.json`. Basic auth with an `apiKey:secretKey` pair of `<dataDir>/cohort-keys.json`
 * (401 otherwise). 204 when the file's `lastModified` is not newer than the one asked with; 413 when the cohort has
 * more members than `maxCohortSize`; 404 for an unknown cohort.
 *
 * @example
 * registerCohortRoutes(app, deps);
 */
export function registerCohortRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get<{ Params: { cohortId: string }; Querystring: { maxCohortSize?: string; lastModified?: string } }>('/sdk/v1/cohort/:cohortId', async (request, reply) => {
    const credentials = basicCredentials(request.headers.authorization);
    if (credentials === null) throw httpError(401, 'INVALID_CREDENTIALS', 'send the cohort credentials as "Authorization: Basic base64(apiKey:secretKey)"');
    const keys = await readCohortKeys(deps.dataDir);
    if (keys.get(credentials.apiKey) !== credentials.secretKey) throw httpError(401, 'INVALID_CREDENTIALS', 'the cohort API key and secret key are not known to this server (cohort-keys.json)');
    const maxCohortSize = nonNegativeInteger('maxCohortSize', request.query.maxCohortSize);
    const lastModified = nonNegativeInteger('lastModified', request.query.lastModified);
    const read = await readCohortFile(deps.dataDir, request.params.cohortId);
    if (!read.ok) {
      if (read.missing) throw httpError(404, 'COHORT_NOT_FOUND', `cohort "${request.params.cohortId.slice(0, 200)}" is not known`);
      request.log.error(`cohort file unusable: ${read.message}`);
      throw httpError(503, 'MEMBERSHIP_UNAVAILABLE', read.message);
    }
    const cohort = read.value;
    if (lastModified !== undefined && cohort.lastModified <= lastModified) return reply.code(204).send();
    if (maxCohortSize !== undefined && cohort.memberIds.length > maxCohortSize) {
      throw httpError(413, 'COHORT_TOO_LARGE', `cohort "${cohort.cohortId}" has ${cohort.memberIds.length} members, more than maxCohortSize ${maxCohortSize}`);
    }
    return reply.header('cache-control', 'no-store').send({
      cohortId: cohort.cohortId,
      groupType: cohort.groupType,
      lastModified: cohort.lastModified,
      size: cohort.memberIds.length,
      memberIds: cohort.memberIds,
    });
  });
}
