/** The event kinds of schema version 1 (`@ensign/event-pipeline`'s `EVENT_KINDS`). */
export const INGEST_EVENT_KINDS = Object.freeze(['decision', 'conversion', 'identify', 'index', 'summary', 'assignment', 'exposure'] as const);

/** An event that passed validation: its id and kind are known good, the rest is kept as sent. */
export type IncomingEvent = Record<string, unknown> & { id: string; kind: string; timestamp: number };

/** A batch that passed validation. */
export interface IncomingBatch {
  batchId: string;
  sentAt: number;
  events: IncomingEvent[];
}

/** The result of {@link validateBatch}. */
export type BatchValidation = { ok: true; batch: IncomingBatch } | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNonEmpty = (v: unknown): v is string => typeof v === 'string' && v !== '' && v.length <= 256;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStringOrNull = (v: unknown) => v === null || typeof v === 'string';

/** Fields each kind must carry (beyond `kind`, `id` and `timestamp`), with their checks: the schema's required fields that results and stats read. */
const REQUIRED: Readonly<Record<string, readonly [string, (v: unknown) => boolean, string][]>> = Object.freeze({
  decision: [
    ['context', isObject, 'an object'],
    ['flagKey', isString, 'a string'],
    ['variationKey', isStringOrNull, 'a string or null'],
  ],
  conversion: [
    ['context', isObject, 'an object'],
    ['eventKey', isString, 'a string'],
  ],
  identify: [['context', isObject, 'an object']],
  index: [['context', isObject, 'an object']],
  summary: [
    ['startDate', isNumber, 'a number'],
    ['endDate', isNumber, 'a number'],
    ['flags', Array.isArray, 'an array'],
  ],
  assignment: [
    ['context', isObject, 'an object'],
    ['flags', Array.isArray, 'an array'],
  ],
  exposure: [
    ['context', isObject, 'an object'],
    ['flagKey', isString, 'a string'],
    ['variantKey', isString, 'a string'],
  ],
});

/**
 * Checks a batch of event schema version 1 (what `@ensign/node-sdk`'s HTTP dispatcher POSTs): `schemaVersion` 1, a
 * `batchId`, a `sentAt` number and `events`, each with a known `kind`, a non-empty `id` (at most 256 characters), a
 * `timestamp`, and the fields of its kind that the server reads. Unknown extra fields are kept (the schema allows
 * additions). The first problem is reported with its path; one bad event refuses the whole batch, so a batch is
 * stored whole or not at all.
 *
 * @example
 * validateBatch(JSON.parse(body), 1000); // { ok: true, batch } or { ok: false, error: 'events[3].id must be a non-empty string' }
 */
export function validateBatch(body: unknown, maxEvents: number): BatchValidation {
  if (!isObject(body)) return { ok: false, error: 'the body must be an event batch object' };
  if (body['schemaVersion'] !== 1) return { ok: false, error: `schemaVersion must be 1, got ${JSON.stringify(body['schemaVersion'] ?? null)}` };
  if (!isNonEmpty(body['batchId'])) return { ok: false, error: 'batchId must be a non-empty string' };
  if (!isNumber(body['sentAt'])) return { ok: false, error: 'sentAt must be a number (ms since the epoch)' };
  const events = body['events'];
  if (!Array.isArray(events)) return { ok: false, error: 'events must be an array' };
  if (events.length > maxEvents) return { ok: false, error: `a batch holds at most ${maxEvents} events, got ${events.length}` };
  for (let i = 0; i < events.length; i++) {
    const event: unknown = events[i];
    if (!isObject(event)) return { ok: false, error: `events[${i}] must be an object` };
    const kind = event['kind'];
    const required = typeof kind === 'string' && Object.prototype.hasOwnProperty.call(REQUIRED, kind) ? REQUIRED[kind] : undefined;
    if (required === undefined) return { ok: false, error: `events[${i}].kind must be one of ${INGEST_EVENT_KINDS.join(', ')}` };
    if (!isNonEmpty(event['id'])) return { ok: false, error: `events[${i}].id must be a non-empty string of at most 256 characters` };
    if (!isNumber(event['timestamp'])) return { ok: false, error: `events[${i}].timestamp must be a number` };
    for (const [field, check, what] of required) {
      if (!check(event[field])) return { ok: false, error: `events[${i}].${field} must be ${what} (kind ${kind as string})` };
    }
  }
  return { ok: true, batch: { batchId: body['batchId'], sentAt: body['sentAt'], events: events as IncomingEvent[] } };
}
