import type { ClientCore } from '../../core/client-core.js';
import { messageOf } from '../../core/records.js';

/**
 * The work of `fetchQualifiedSegments` for one user: reads the two call forms (`(options?)` and
 * `(callback, options?)`), asks the client's ODP service, hands the answer to `store` (null when unknown), calls the
 * callback, and resolves whether it worked. Never rejects; a callback that throws is logged.
 *
 * @example
 * const ok = await fetchSegmentsFor(core, 'user-42', [OptimizelySegmentOption.IGNORE_CACHE], undefined, (s) => (segments = s));
 */
export async function fetchSegmentsFor(core: ClientCore, userId: string | null, first: unknown, second: unknown, store: (segments: string[] | null) => void): Promise<boolean> {
  const callback = typeof first === 'function' ? (first as (success: boolean) => void) : null;
  const given = callback ? second : first;
  const options = Array.isArray(given) ? (given.filter((o) => typeof o === 'string') as string[]) : undefined;
  if (given !== undefined && !Array.isArray(given)) core.limited.log('warn', 'segments-options', 'fetchQualifiedSegments: options must be an array; ignored');
  let success = false;
  const odp = core.odp;
  if (userId === null || userId === '') core.limited.log('warn', 'segments-no-user', 'fetchQualifiedSegments: the user id is not valid; nothing fetched');
  else if (!odp) core.limited.log('warn', 'segments-odp-off', 'fetchQualifiedSegments: ODP is disabled (odp.disabled); nothing fetched');
  else if (odp.endpoint() === null) {
    core.limited.log('error', 'segments-not-integrated', 'fetchQualifiedSegments: ODP is not integrated (no odp integration in the datafile, no odp.host and odp.publicKey)');
    store(null);
  } else {
    const segments = await odp.fetchQualifiedSegments(userId, options);
    store(segments);
    success = segments !== null;
  }
  if (callback) {
    try {
      callback(success);
    } catch (error) {
      core.limited.log('error', 'segments-callback', `a fetchQualifiedSegments callback threw: ${messageOf(error)}`);
    }
  }
  return success;
}
