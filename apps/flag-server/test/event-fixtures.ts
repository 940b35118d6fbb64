// Events of schema version 1 as the SDK sends them, for the ingest and results tests.
import { randomUUID } from 'node:crypto';

export function decisionEvent(userKey: string, flagKey: string, variationKey: string | null, timestamp: number, extra: Record<string, unknown> = {}) {
  return {
    kind: 'decision',
    id: randomUUID(),
    timestamp,
    context: { kind: 'user', key: userKey },
    flagKey,
    flagVersion: 1,
    variationKey,
    variationIndex: variationKey === null ? null : 0,
    variationId: null,
    value: variationKey,
    defaultValue: null,
    ruleKey: 'exp',
    ruleId: 'rule-exp',
    ruleType: 'experiment',
    experimentKey: 'exp',
    experimentId: null,
    enabled: true,
    revision: '42',
    reason: { kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'rule-exp', inExperiment: true },
    prereqOf: null,
    ...extra,
  };
}

export function conversionEvent(userKey: string, eventKey: string, timestamp: number) {
  return {
    kind: 'conversion',
    id: randomUUID(),
    timestamp,
    context: { kind: 'user', key: userKey },
    eventKey,
    eventId: null,
    revision: '42',
    tags: null,
    revenue: null,
    value: null,
    data: null,
    metricValue: null,
  };
}

export function exposureEvent(userKey: string, flagKey: string, variantKey: string, timestamp: number) {
  return {
    kind: 'exposure',
    id: randomUUID(),
    timestamp,
    context: { kind: 'user', key: userKey, user_id: userKey },
    userId: userKey,
    deviceId: null,
    flagKey,
    variantKey,
    experimentKey: null,
    metadata: null,
    insertId: `${userKey} null 1 1`,
  };
}

export function batch(events: unknown[], batchId: string = randomUUID()) {
  return { schemaVersion: 1, batchId, sentAt: Date.now(), events };
}

export async function postBatch(url: string, sdkKey: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${url}/v1/events/bulk`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: sdkKey, 'x-ensign-event-schema': '1', ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
}
