import type { AmplitudeUser } from '@ensign/context';
import { amplitudeUserToContext } from '@ensign/context';
import type { JsonObject, JsonValue } from '@ensign/datafile-schema';
import { safeLog } from '@ensign/common';
import type { ClientCore } from '../../core/client-core.js';
import { describeNetworkError } from '../../core/http-util.js';
import { messageOf, setEntry } from '../../core/records.js';
import type { Variant } from './variant.js';

/** Amplitude's `FetchOptions` of `fetchV2`. */
export interface FetchOptions {
  /** Evaluate only these flags (and what they depend on). Default every flag. */
  flagKeys?: readonly string[];
}

/** Variants by flag key, as `fetchV2` resolves them. */
export type Variants = Record<string, Variant>;

/** The remote-evaluation half of the Amplitude face. */
export interface AmplitudeRemoteFace {
  /**
   * Evaluates flags for `user` on the flag server (`POST <server>/v1/evaluate`), with Amplitude's timeouts and
   * retries. Never rejects: a total failure (no server configured, an invalid user, every attempt failed, a bad
   * answer) resolves `{}` — Amplitude's fallback — and logs one error.
   */
  fetchV2(user: AmplitudeUser, fetchOptions?: FetchOptions): Promise<Variants>;
  /** {@link AmplitudeRemoteFace.fetchV2} with a callback `(user, variants)` instead of a promise (Amplitude's `fetch_async_v2`). */
  fetchAsyncV2(user: AmplitudeUser, callback: (user: AmplitudeUser, variants: Variants) => void): void;
}

type Attempt = { ok: true; variants: Variants } | { ok: false; reason: string; retry: boolean };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The answer's variants, keeping only the fields a Variant has (a hostile answer pollutes nothing). */
function variantsOf(body: string): Variants | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isObject(parsed)) return null;
  const out: Variants = {};
  for (const [flagKey, raw] of Object.entries(parsed)) {
    if (!isObject(raw)) continue;
    const variant: Variant = {};
    if (typeof raw['key'] === 'string') variant.key = raw['key'];
    if (typeof raw['value'] === 'string') variant.value = raw['value'];
    if (raw['payload'] !== undefined) variant.payload = raw['payload'] as JsonValue;
    if (isObject(raw['metadata'])) variant.metadata = raw['metadata'] as JsonObject;
    setEntry(out, flagKey, variant);
  }
  return out;
}

/**
 * Creates `fetchV2` and `fetchAsyncV2` over the client core. The user is converted to a context as `evaluate` does,
 * redacted (`privateAttributes`, `allAttributesPrivate`) before it leaves the process, and posted as `{ context,
 * flagKeys? }` with `Authorization: Api-Key <sdkKey>`. The first request has `fetchTimeoutMillis`; then up to
 * `fetchRetries` retries, each with `fetchRetryTimeoutMillis`, after delays of `fetchRetryBackoffMinMillis` ×
 * `fetchRetryBackoffScalar`^n capped at `fetchRetryBackoffMaxMillis` (Amplitude's scheme, `experiment-node-server`
 * `RemoteEvaluationClient`). Network errors, timeouts, 429 and 5xx are retried; other statuses are not.
 *
 * @example
 * const variants = await client.fetchV2({ user_id: 'user-42' }, { flagKeys: ['pricing-page'] });
 * variants['pricing-page']?.value;
 */
export function createAmplitudeRemoteFace(core: ClientCore): AmplitudeRemoteFace {
  const config = core.options.remoteFetch;
  const fallback = (reason: string): Variants => {
    safeLog(core.logger, 'error', `fetchV2 failed, answering no variants: ${reason}`);
    return {};
  };
  const sleep = (ms: number) => new Promise<void>((resolve) => void core.scheduler.setTimeout(resolve, ms));

  const attempt = async (url: string, body: string, timeoutMs: number): Promise<Attempt> => {
    let response;
    try {
      response = await core.http.request({
        method: 'POST',
        url,
        headers: { authorization: `Api-Key ${core.options.sdkKey as string}`, 'content-type': 'application/json', accept: 'application/json' },
        body,
        timeoutMs,
      });
    } catch (error) {
      return { ok: false, reason: describeNetworkError(error, timeoutMs), retry: true };
    }
    if (response.status === 200) {
      const variants = variantsOf(response.body);
      return variants === null ? { ok: false, reason: 'the answer is not a JSON object of variants', retry: true } : { ok: true, variants };
    }
    return { ok: false, reason: `HTTP ${response.status}`, retry: response.status === 429 || response.status >= 500 };
  };

  const run = async (user: AmplitudeUser, fetchOptions: FetchOptions | undefined): Promise<Variants> => {
    const server = core.options.server;
    if (server === null) return fallback('no flag server: pass serverUrl or serverZone');
    // The user as Amplitude's SDK sends it: its JSON (a `Date` as its ISO text, `NaN` as null, functions left out).
    // A user that has no JSON (a cycle, a BigInt) cannot be sent, there as here.
    let sent: AmplitudeUser;
    try {
      sent = JSON.parse(JSON.stringify(user) ?? 'null') as AmplitudeUser;
    } catch (error) {
      return fallback(`the user cannot be sent as JSON (${error instanceof Error ? error.message : 'unknown error'})`);
    }
    const converted = amplitudeUserToContext(sent);
    if (!converted.ok) return fallback(`invalid user (${converted.error})`);
    const context = core.redact(converted.context);
    if (context === null) return fallback('the user could not be redacted');
    const flagKeys = fetchOptions?.flagKeys;
    if (flagKeys !== undefined && (!Array.isArray(flagKeys) || !flagKeys.every((k) => typeof k === 'string'))) return fallback('flagKeys must be an array of strings');
    const body = JSON.stringify(flagKeys === undefined ? { context } : { context, flagKeys });
    const url = `${server.baseUrl}/v1/evaluate`;
    let delay = config.backoffMinMs;
    let last = await attempt(url, body, config.timeoutMs);
    for (let retry = 0; !last.ok && last.retry && retry < config.retries && !core.isClosed(); retry++) {
      await sleep(Math.min(delay, config.backoffMaxMs));
      delay *= config.backoffScalar;
      last = await attempt(url, body, config.retryTimeoutMs);
    }
    if (last.ok) return last.variants;
    return fallback(`${last.reason}${config.retries > 0 && last.retry ? ` (after ${config.retries} retries)` : ''}`);
  };

  // The longest a fetch can take: first request, then each retry's delay and timeout. Node keeps the process alive that long at most.
  const bound = config.timeoutMs + config.retries * (config.backoffMaxMs + config.retryTimeoutMs) + 1_000;
  const fetchV2: AmplitudeRemoteFace['fetchV2'] = (user, fetchOptions) =>
    core.hold(run(user, fetchOptions), bound).catch((error: unknown) => fallback(messageOf(error)));

  return {
    fetchV2,
    fetchAsyncV2(user, callback) {
      void fetchV2(user).then((variants) => {
        try {
          callback(user, variants);
        } catch (error) {
          core.limited.log('error', 'fetch-async-callback', `a fetchAsyncV2 callback threw: ${messageOf(error)}`);
        }
      });
    },
  };
}
