import type { JsonObject } from '@ensign/datafile-schema';
import type { ClientCore } from '../../core/client-core.js';
import type { FaceNotifications } from './notification-center.js';
import type { UserState } from './user-state.js';

/**
 * Optimizely `trackEvent`: sends a conversion for an event of the datafile. An unknown event key logs one error (per
 * key and minute) and sends nothing, as Optimizely does; so do a client that is not ready and an invalid user.
 * Tags that are not an object are ignored with a warning.
 *
 * @example
 * trackConversion(core, state, 'purchase', { revenue: 4200 });
 */
export function trackConversion(core: ClientCore, state: UserState, eventKey: unknown, eventTags: unknown, notifications?: FaceNotifications): void {
  const compiled = core.store.current();
  if (!compiled) {
    core.limited.log('error', 'track-not-ready', 'trackEvent called before the client is ready: the event was not sent');
    return;
  }
  if (typeof eventKey !== 'string') {
    core.limited.log('error', 'track-bad-key', 'trackEvent: the event key must be a string; the event was not sent');
    return;
  }
  const event = compiled.datafile.events?.find((e) => e.key === eventKey);
  if (!event) {
    core.limited.log('error', 'track-unknown', `trackEvent: event key ${JSON.stringify(eventKey.slice(0, 100))} is not in the datafile; the event was not sent`);
    return;
  }
  const context = state.context();
  if (!context.ok) {
    core.limited.log('error', 'track-bad-user', `trackEvent: ${context.error}; the event was not sent`);
    return;
  }
  let tags: JsonObject | null = null;
  if (eventTags !== undefined && eventTags !== null) {
    if (typeof eventTags === 'object' && !Array.isArray(eventTags)) tags = eventTags as JsonObject;
    else core.limited.log('warn', 'track-bad-tags', 'trackEvent: event tags must be an object; they were ignored');
  }
  core.events()?.conversion(context.context, { eventKey, eventId: event.id ?? null, revision: compiled.revision, tags });
  if (notifications?.has('TRACK')) {
    // Optimizely's TRACK payload has the tags without their null and undefined entries.
    const given = tags === null ? eventTags : Object.fromEntries(Object.entries(tags).filter(([, v]) => v !== null && v !== undefined));
    notifications.send('TRACK', { eventKey, userId: state.idText, attributes: state.attributes(), eventTags: given, logEvent: null });
  }
}
