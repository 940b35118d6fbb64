/** A value of an ODP event's `data`. */
export type OdpDataValue = string | number | boolean | null;

/** An ODP event, as `POST /v3/events` takes it (an array of these). */
export interface OdpEvent {
  type: string;
  action: string;
  identifiers: Record<string, string>;
  data: Record<string, OdpDataValue>;
}

/** What `sendOdpEvent` takes: Optimizely's `{ type, action, identifiers, data }` (`type` defaults to `fullstack`). */
export interface OdpEventInput {
  type?: string;
  action: string;
  identifiers?: Record<string, string> | ReadonlyMap<string, string>;
  data?: Record<string, unknown> | ReadonlyMap<string, unknown>;
}

/** Fields every event's `data` gets (the caller's own `data` wins). */
export interface OdpEventSource {
  /** A unique id per event (ODP de-duplicates on it). */
  newId(): string;
  /** Default `ensign-node-sdk`. */
  dataSource?: string;
  dataSourceVersion?: string;
}

const put = <V>(target: Record<string, V>, key: string, value: V): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
};

const entriesOf = (value: unknown): [string, unknown][] | null => {
  if (value === undefined || value === null) return [];
  if (value instanceof Map) return [...(value as Map<unknown, unknown>)].map(([k, v]) => [String(k), v]);
  if (typeof value === 'object' && !Array.isArray(value)) return Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]);
  return null;
};

/** ODP's spelling of identifier names: `FS-USER-ID`, `fs-user-id` and `FS_USER_ID` all become `fs_user_id`. */
const identifierName = (name: string): string => (/^fs[-_]user[-_]id$/i.test(name) ? 'fs_user_id' : name);

const isDataValue = (v: unknown): v is OdpDataValue => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/**
 * Checks and completes an ODP event: `type` defaults to `fullstack`, `action` must be a non-empty string,
 * identifiers must be non-empty strings (at least one; `fs-user-id` spellings become `fs_user_id`), `data` values
 * must be strings, finite numbers, booleans or null. `data` gets `idempotence_id`, `data_source_type: "sdk"`,
 * `data_source` and `data_source_version` unless given. Keys such as `__proto__` are plain keys.
 *
 * @example
 * normalizeOdpEvent({ action: 'purchased', identifiers: { fs_user_id: 'user-42' }, data: { amount: 12 } }, { newId: () => 'id-1' });
 * // { ok: true, event: { type: 'fullstack', action: 'purchased', identifiers: { fs_user_id: 'user-42' }, data: { idempotence_id: 'id-1', ... amount: 12 } } }
 */
export function normalizeOdpEvent(input: unknown, source: OdpEventSource): { ok: true; event: OdpEvent } | { ok: false; error: string } {
  if (typeof input !== 'object' || input === null) return { ok: false, error: 'the ODP event must be an object' };
  const given = input as { type?: unknown; action?: unknown; identifiers?: unknown; data?: unknown };
  const type = typeof given.type === 'string' && given.type.trim() !== '' ? given.type : 'fullstack';
  if (typeof given.action !== 'string' || given.action.trim() === '') return { ok: false, error: 'ODP action is not valid (cannot be empty)' };
  const identifierEntries = entriesOf(given.identifiers);
  if (identifierEntries === null) return { ok: false, error: 'ODP identifiers must be an object or a Map of strings' };
  const identifiers: Record<string, string> = {};
  for (const [name, value] of identifierEntries) {
    if (typeof value !== 'string' || value === '') return { ok: false, error: `ODP identifier "${name.slice(0, 60)}" must be a non-empty string` };
    put(identifiers, identifierName(name), value);
  }
  if (Object.keys(identifiers).length === 0) return { ok: false, error: 'ODP events need at least one identifier' };
  const dataEntries = entriesOf(given.data);
  if (dataEntries === null) return { ok: false, error: 'ODP data must be an object or a Map' };
  const data: Record<string, OdpDataValue> = {};
  put(data, 'idempotence_id', source.newId());
  put(data, 'data_source_type', 'sdk');
  put(data, 'data_source', source.dataSource ?? 'ensign-node-sdk');
  if (source.dataSourceVersion !== undefined) put(data, 'data_source_version', source.dataSourceVersion);
  for (const [name, value] of dataEntries) {
    if (!isDataValue(value)) return { ok: false, error: `ODP data "${name.slice(0, 60)}" must be a string, a finite number, a boolean or null` };
    put(data, name, value);
  }
  return { ok: true, event: { type, action: given.action, identifiers, data } };
}

/**
 * The identify event of a user: `type: "fullstack"`, `action: "identified"`, identifiers `fs_user_id` and `vuid`.
 * A user id that starts with `vuid_` counts as the vuid. Null unless there are at least two identifiers (an event
 * with one identifier links nothing).
 *
 * @example
 * buildIdentifyEvent({ userId: 'user-42', vuid: 'vuid_8c7f' }, { newId: () => 'id-1' })?.identifiers; // { fs_user_id: 'user-42', vuid: 'vuid_8c7f' }
 * buildIdentifyEvent({ userId: 'user-42' }, { newId: () => 'id-1' }); // null
 */
export function buildIdentifyEvent(user: { userId?: string | null; vuid?: string | null }, source: OdpEventSource): OdpEvent | null {
  const identifiers: Record<string, string> = {};
  const { userId, vuid } = user;
  if (typeof userId === 'string' && userId !== '') {
    if (userId.slice(0, 5).toLowerCase() === 'vuid_') identifiers['vuid'] = userId;
    else identifiers['fs_user_id'] = userId;
  }
  if (typeof vuid === 'string' && vuid !== '' && identifiers['vuid'] === undefined) identifiers['vuid'] = vuid;
  if (Object.keys(identifiers).length < 2) return null;
  const normalized = normalizeOdpEvent({ type: 'fullstack', action: 'identified', identifiers }, source);
  return normalized.ok ? normalized.event : null;
}
