/** An ODP event as received on `POST /v3/events`. */
export interface ReceivedOdpEvent {
  type: string;
  action: string;
  identifiers: Record<string, string>;
  data: Record<string, unknown>;
  /** When the server received it, ms since the epoch. */
  receivedAt: number;
}

/** The ODP events received lately, per environment (in memory, bounded). */
export interface OdpEventLog {
  add(environment: string, events: readonly Omit<ReceivedOdpEvent, 'receivedAt'>[]): void;
  /** The latest events of an environment, oldest first, at most `limit`. */
  recent(environment: string, limit: number): ReceivedOdpEvent[];
  /** Events received per environment since start. */
  total(environment: string): number;
}

/**
 * Creates the in-memory log of ODP events: the last `capacity` events per environment are kept for inspection
 * (`GET /v1/odp/events`); older ones are forgotten. The server does not forward them anywhere.
 *
 * @example
 * const log = createOdpEventLog(1_000);
 * log.add('production', [{ type: 'fullstack', action: 'identified', identifiers: { fs_user_id: 'u', vuid: 'vuid_1' }, data: {} }]);
 */
export function createOdpEventLog(capacity: number): OdpEventLog {
  const byEnvironment = new Map<string, { events: ReceivedOdpEvent[]; total: number }>();
  return {
    add(environment, events) {
      let entry = byEnvironment.get(environment);
      if (!entry) byEnvironment.set(environment, (entry = { events: [], total: 0 }));
      const now = Date.now();
      for (const event of events) entry.events.push({ ...event, receivedAt: now });
      entry.total += events.length;
      if (entry.events.length > capacity) entry.events.splice(0, entry.events.length - capacity);
    },
    recent(environment, limit) {
      const events = byEnvironment.get(environment)?.events ?? [];
      return events.slice(Math.max(0, events.length - limit));
    },
    total: (environment) => byEnvironment.get(environment)?.total ?? 0,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a `POST /v3/events` body: a non-empty array (at most `maxEvents`) of `{ type, action, identifiers, data? }`
 * with non-empty strings for `type`, `action` and every identifier, at least one identifier, and `data` values that
 * are strings, numbers, booleans or null.
 *
 * @example
 * validateOdpEvents([{ type: 'fullstack', action: 'identified', identifiers: { fs_user_id: 'u' } }], 1000).ok; // true
 */
export function validateOdpEvents(body: unknown, maxEvents: number): { ok: true; events: Omit<ReceivedOdpEvent, 'receivedAt'>[] } | { ok: false; message: string } {
  if (!Array.isArray(body) || body.length === 0) return { ok: false, message: 'the body must be a non-empty JSON array of ODP events' };
  if (body.length > maxEvents) return { ok: false, message: `at most ${maxEvents} events per request` };
  const events: Omit<ReceivedOdpEvent, 'receivedAt'>[] = [];
  for (const [i, e] of body.entries()) {
    if (!isRecord(e)) return { ok: false, message: `events[${i}] must be an object` };
    for (const field of ['type', 'action'] as const) {
      if (typeof e[field] !== 'string' || e[field] === '') return { ok: false, message: `events[${i}].${field} must be a non-empty string` };
    }
    const identifiers = e['identifiers'];
    if (!isRecord(identifiers) || Object.keys(identifiers).length === 0) return { ok: false, message: `events[${i}].identifiers must be an object with at least one identifier` };
    for (const name of Object.keys(identifiers)) {
      if (typeof identifiers[name] !== 'string' || identifiers[name] === '') return { ok: false, message: `events[${i}].identifiers.${name.slice(0, 60)} must be a non-empty string` };
    }
    const data = e['data'] ?? {};
    if (!isRecord(data)) return { ok: false, message: `events[${i}].data must be an object` };
    for (const name of Object.keys(data)) {
      const v = data[name];
      if (!(v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) {
        return { ok: false, message: `events[${i}].data.${name.slice(0, 60)} must be a string, number, boolean or null` };
      }
    }
    events.push({ type: e['type'] as string, action: e['action'] as string, identifiers: identifiers as Record<string, string>, data });
  }
  return { ok: true, events };
}
