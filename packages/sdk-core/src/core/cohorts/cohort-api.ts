import type { HttpClient } from '@ensign/common';

/** One downloaded cohort: Amplitude's `GET /sdk/v1/cohort/{id}` answer, members as a set. */
export interface Cohort {
  cohortId: string;
  /** `User` for user cohorts, else the group type (e.g. `org`). */
  groupType: string;
  lastModified: number;
  memberIds: ReadonlySet<string>;
}

/** What a download came to. */
export type CohortDownload =
  | { kind: 'downloaded'; cohort: Cohort }
  | { kind: 'unchanged' }
  | { kind: 'too-large' }
  | { kind: 'failed'; message: string };

/** Where and how cohorts are downloaded. */
export interface CohortRequest {
  serverUrl: string;
  /** `base64(apiKey:secretKey)`. */
  basicAuth: string;
  cohortId: string;
  maxCohortSize: number;
  /** The `lastModified` of the copy held, so an unchanged cohort answers 204. */
  lastModified?: number;
  timeoutMs: number;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The basic-auth token of a key pair: base64 of the UTF-8 bytes of `apiKey:secretKey`, without Node's Buffer
 * (sdk-core is runtime-free).
 *
 * @example
 * basicAuthOf('api', 'secret'); // 'YXBpOnNlY3JldA=='
 */
export function basicAuthOf(apiKey: string, secretKey: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(`${apiKey}:${secretKey}`)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Downloads one cohort: `GET {serverUrl}/sdk/v1/cohort/{id}?maxCohortSize=…&lastModified=…` with basic auth. 200
 * is the cohort, 204 "unchanged since lastModified", 413 "larger than maxCohortSize"; anything else, a network error
 * or a body that is not a cohort is `failed`. Never rejects.
 *
 * @example
 * const result = await downloadCohort(http, { serverUrl, basicAuth, cohortId: 'c1', maxCohortSize: 1000, timeoutMs: 20_000 });
 */
export async function downloadCohort(http: HttpClient, request: CohortRequest): Promise<CohortDownload> {
  const query = `maxCohortSize=${request.maxCohortSize}${request.lastModified !== undefined ? `&lastModified=${request.lastModified}` : ''}`;
  let response;
  try {
    response = await http.request({
      method: 'GET',
      url: `${request.serverUrl.replace(/\/+$/, '')}/sdk/v1/cohort/${encodeURIComponent(request.cohortId)}?${query}`,
      headers: { authorization: `Basic ${request.basicAuth}`, accept: 'application/json' },
      timeoutMs: request.timeoutMs,
    });
  } catch (error) {
    return { kind: 'failed', message: `network error: ${describe(error)}` };
  }
  if (response.status === 204) return { kind: 'unchanged' };
  if (response.status === 413) return { kind: 'too-large' };
  if (response.status !== 200) return { kind: 'failed', message: `status ${response.status}` };
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return { kind: 'failed', message: 'the answer is not JSON' };
  }
  const c = body as { cohortId?: unknown; groupType?: unknown; lastModified?: unknown; memberIds?: unknown } | null;
  if (c === null || typeof c !== 'object' || !Array.isArray(c.memberIds) || typeof c.lastModified !== 'number') {
    return { kind: 'failed', message: 'the answer is not a cohort (memberIds and lastModified are required)' };
  }
  return {
    kind: 'downloaded',
    cohort: {
      cohortId: typeof c.cohortId === 'string' ? c.cohortId : request.cohortId,
      groupType: typeof c.groupType === 'string' && c.groupType !== '' ? c.groupType : 'User',
      lastModified: c.lastModified,
      memberIds: new Set(c.memberIds.filter((m): m is string => typeof m === 'string')),
    },
  };
}
