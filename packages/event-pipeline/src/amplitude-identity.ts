// Amplitude-style identities, canonical strings and insert ids for assignment and exposure events
// (vendor-formats 3.5: ampnode Assignment.canonicalize, Exposure.canonicalize, toEvent, toExposureEvents).
import { canonicalKey } from '@ensign/context';
import type { Context } from '@ensign/context';
import type { AmplitudeIdentity, AssignmentFlagInput } from './inputs.js';
import { javaHashCode } from './java-hash-code.js';

/** A day in ms: the window of Amplitude assignment insert ids. */
export const DAY_MS = 86_400_000;

/** A user and device id, resolved. */
export interface ResolvedIdentity {
  userId: string | null;
  deviceId: string | null;
}

/**
 * Resolves `userId` and `deviceId`: given values win; otherwise the keys of the context's `user` and `device`
 * kinds. Keys are never private, so nothing private is read here.
 */
export function resolveIdentity(context: Context, given: AmplitudeIdentity): ResolvedIdentity {
  return {
    userId: given.userId !== undefined ? given.userId : kindKey(context, 'user'),
    deviceId: given.deviceId !== undefined ? given.deviceId : kindKey(context, 'device'),
  };
}

function kindKey(context: Context, kind: string): string | null {
  const c = context as unknown as Record<string, unknown>;
  if (c.kind === kind || (kind === 'user' && c.kind === undefined)) return typeof c.key === 'string' ? c.key : null;
  if (c.kind !== 'multi' || !Object.prototype.hasOwnProperty.call(c, kind)) return null;
  const part = c[kind] as Record<string, unknown> | null;
  return part !== null && typeof part === 'object' && typeof part.key === 'string' ? part.key : null;
}

// Amplitude interpolates a missing id as the text "undefined"; keeping the quirk keeps insert ids identical.
const show = (id: string | null) => (id === null ? 'undefined' : id);

/** Amplitude's assignment canonical string: `"{user} {device} "` then `"{flagKey} {variantKey} "` per flag, sorted by key. */
export function assignmentCanonical(identity: ResolvedIdentity, flags: readonly AssignmentFlagInput[]): string {
  // A missing id is empty here, as Amplitude's `safeStringTrim` gives it (the insert id's prefix says `undefined`).
  let canonical = `${identity.userId?.trim() ?? ''} ${identity.deviceId?.trim() ?? ''} `;
  const sorted = [...flags].sort((a, b) => (a.flagKey < b.flagKey ? -1 : a.flagKey > b.flagKey ? 1 : 0));
  for (const f of sorted) if (f.variantKey) canonical += `${f.flagKey.trim()} ${f.variantKey.trim()} `;
  return canonical;
}

/** The canonical string of one served flag (exposures are deduplicated per flag). */
export function exposureCanonical(identity: ResolvedIdentity, flagKey: string, variantKey: string): string {
  return `${identity.userId?.trim() ?? ''} ${identity.deviceId?.trim() ?? ''} ${flagKey.trim()} ${variantKey.trim()} `;
}

/** Amplitude's `insert_id`: `${userId} ${deviceId} ${hashCode(hashed)} ${floor(timestamp / windowMs)}`. */
export function insertId(identity: ResolvedIdentity, hashed: string, timestamp: number, windowMs: number): string {
  return `${show(identity.userId)} ${show(identity.deviceId)} ${javaHashCode(hashed)} ${Math.floor(timestamp / windowMs)}`;
}

/**
 * The deduplication key: the canonical string, prefixed with the context's canonical key when the event has
 * neither a user nor a device id (so two such contexts do not share a key). Null when the context is unreadable.
 */
export function dedupKey(context: Context, identity: ResolvedIdentity, canonical: string): string | null {
  if (identity.userId !== null || identity.deviceId !== null) return canonical;
  try {
    return `${canonicalKey(context)}\u0000${canonical}`;
  } catch {
    return null;
  }
}
