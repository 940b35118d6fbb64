import type { AssignmentEvent, ConversionEvent, DecisionEvent, ExposureEvent } from '@ensign/event-pipeline';
import { describe, expect, it } from 'vitest';
import { exampleWith, linesAt, makeClient, US_PRO } from './helpers.js';

const withSendFlagDecisions = exampleWith((d) => {
  d.settings = { ...d.settings, sendFlagDecisions: true };
});

describe('events of the Optimizely face', () => {
  it('sends a decision event for an experiment decision, unless DISABLE_DECISION_EVENT', async () => {
    const { client, events } = makeClient();
    const user = client.createUserContext('user-1', US_PRO);
    const decision = user.decide('checkout-redesign');
    user.decide('checkout-redesign', ['DISABLE_DECISION_EVENT']);
    const decisions = (await events('decision')) as DecisionEvent[];
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      flagKey: 'checkout-redesign',
      variationKey: decision.variationKey,
      variationId: decision.variationKey === 'control' ? '90001' : '90002',
      ruleKey: 'checkout_redesign_test',
      ruleType: 'experiment',
      experimentId: '50001',
      revision: '42',
      context: { kind: 'user', key: 'user-1' },
    });
  });

  it('sends rollout decisions only when the datafile\'s sendFlagDecisions is on', async () => {
    const off = makeClient();
    off.client.createUserContext('user-1', { country: 'FR' }).decide('checkout-redesign');
    expect(await off.events('decision')).toEqual([]);
    expect(await off.events('summary')).toHaveLength(1);
    const on = makeClient({ datafile: withSendFlagDecisions });
    on.client.createUserContext('user-1', { country: 'FR' }).decide('checkout-redesign');
    expect(await on.events('decision')).toMatchObject([{ ruleType: 'rollout', variationKey: 'off' }]);
  });

  it('sends a decision event for a flag-level forced decision, as Optimizely does', async () => {
    const { client, events } = makeClient();
    const user = client.createUserContext('user-1', { country: 'FR' });
    user.setForcedDecision({ flagKey: 'checkout-redesign' }, { variationKey: 'treatment' });
    user.decide('checkout-redesign');
    expect(await events('decision')).toMatchObject([{ ruleType: 'forced', variationKey: 'treatment', ruleKey: null }]);
  });

  it('sends a conversion for a known event with its tags, and only logs an error for an unknown one', async () => {
    const { client, events, logger } = makeClient();
    const user = client.createUserContext('user-1', US_PRO);
    user.trackEvent('purchase', { revenue: 4200, value: 3.5, category: 'shoes' });
    user.trackEvent('no-such-event');
    const conversions = (await events('conversion')) as ConversionEvent[];
    expect(conversions).toHaveLength(1);
    expect(conversions[0]).toMatchObject({ eventKey: 'purchase', eventId: '40001', revenue: 4200, value: 3.5, tags: { category: 'shoes' } });
    expect(linesAt(logger, 'error').filter((l) => l.includes('no-such-event'))).toHaveLength(1);
  });
});

describe('events of the LaunchDarkly face', () => {
  it('summarizes and indexes evaluations, with a full event for tracked flags', async () => {
    const { client, events } = makeClient();
    const org = { kind: 'multi', user: { key: 'user-9' }, org: { key: 'org-1', tier: 'enterprise' } };
    client.variation('dark-mode', { kind: 'user', key: 'user-9' }, false);
    client.variation('dark-mode', { kind: 'user', key: 'user-9' }, false);
    client.variation('enterprise-dashboard', org, 'classic');
    const all = await events();
    expect(all.filter((e) => e.kind === 'decision')).toMatchObject([{ flagKey: 'enterprise-dashboard', variationKey: 'insights', defaultValue: 'classic' }]);
    expect(all.filter((e) => e.kind === 'index').length).toBeGreaterThanOrEqual(1);
    const summary = all.find((e) => e.kind === 'summary');
    expect(summary).toMatchObject({ flags: expect.arrayContaining([expect.objectContaining({ flagKey: 'dark-mode', counters: [expect.objectContaining({ count: 2 })] })]) });
  });

  it('sends track as a conversion with data and metric value, and identify as an identify event', async () => {
    const { client, events } = makeClient();
    client.track('checkout-completed', { kind: 'user', key: 'user-3' }, { cart: 3 }, 99.5);
    client.identify({ kind: 'user', key: 'user-3', name: 'Sam' });
    client.identify({ kind: 'user' });
    client.track('', { kind: 'user', key: 'user-3' });
    const all = await events();
    expect(all.filter((e) => e.kind === 'conversion')).toMatchObject([{ eventKey: 'checkout-completed', data: { cart: 3 }, metricValue: 99.5 }]);
    expect(all.filter((e) => e.kind === 'identify')).toMatchObject([{ context: { kind: 'user', key: 'user-3', name: 'Sam' } }]);
  });

  it('honours flush(callback) as LaunchDarkly does', async () => {
    const { client } = makeClient();
    client.track('e', { kind: 'user', key: 'u' });
    const result = await new Promise<boolean>((resolve) => void client.flush((_err, delivered) => resolve(delivered)));
    expect(result).toBe(true);
  });
});

describe('events of the Amplitude face', () => {
  const user = { user_id: 'user-42', device_id: 'device-42', user_properties: { country: 'UK' } };

  it('sends an assignment event when assignmentConfig is set', async () => {
    const { client, events } = makeClient({ assignmentConfig: { apiKey: 'amp-api-key-123456' } });
    client.evaluate(user, ['pricing-page', 'dark-mode']);
    client.evaluate(user, ['pricing-page', 'dark-mode']);
    const assignments = (await events('assignment')) as AssignmentEvent[];
    expect(assignments).toHaveLength(1);
    expect(assignments[0]).toMatchObject({
      userId: 'user-42',
      deviceId: 'device-42',
      flags: [
        { flagKey: 'pricing-page', variantKey: 'annual-discount', flagVersion: 9, ruleKey: 'UK Users', isDefault: false },
        { flagKey: 'dark-mode', variantKey: 'false', isDefault: true },
      ],
    });
  });

  it('sends no event for a user without user_id and device_id (Amplitude accepts none), though it is evaluated', async () => {
    const { client, events } = makeClient({ assignmentConfig: { apiKey: 'amp-api-key-123456' }, exposureConfig: {} });
    expect(Object.keys(client.evaluate({ user_properties: { country: 'UK' } }, ['pricing-page'], { tracksExposure: true }))).toEqual(['pricing-page']);
    expect(await events('assignment')).toEqual([]);
    expect(await events('exposure')).toEqual([]);
    client.evaluate({ device_id: 'd-1', user_properties: { country: 'UK' } }, ['pricing-page'], { tracksExposure: true });
    expect(await events('assignment')).toHaveLength(1);
  });

  it('sends exposure events for served variants only with exposureConfig and tracksExposure', async () => {
    const { client, events } = makeClient({ exposureConfig: {} });
    client.evaluate(user, ['pricing-page']);
    expect(await events('exposure')).toEqual([]);
    client.evaluate(user, ['pricing-page', 'dark-mode'], { tracksExposure: true });
    const exposures = (await events('exposure')) as ExposureEvent[];
    expect(exposures).toHaveLength(1);
    expect(exposures[0]).toMatchObject({ flagKey: 'pricing-page', variantKey: 'annual-discount', experimentKey: 'exp-pricing-1' });
  });

  it('sends neither without the configs', async () => {
    const { client, events } = makeClient();
    client.evaluate(user, undefined, { tracksExposure: true });
    const kinds = new Set((await events()).map((e) => e.kind));
    expect(kinds.has('assignment') || kinds.has('exposure')).toBe(false);
  });
});

describe('event options', () => {
  it('creates no pipeline at all with events: false', async () => {
    const { client, dispatcher } = makeClient({ events: false });
    client.createUserContext('user-1', US_PRO).decide('checkout-redesign');
    client.track('e', { kind: 'user', key: 'u' });
    await expect(client.flush()).resolves.toEqual({ delivered: 0, pending: 0, failed: 0, dropped: 0 });
    expect(dispatcher.attempts()).toBe(0);
  });

  it('batches by eventBatchSize and drops beyond eventQueueCapacity, counted', async () => {
    const { client, dispatcher } = makeClient({ eventBatchSize: 2, eventQueueCapacity: 3 });
    for (let i = 0; i < 5; i++) client.track(`e${i}`, { kind: 'user', key: 'u' });
    await client.flush();
    // 1 index + 5 conversions recorded: 3 fit, 3 are dropped and counted.
    expect(client.getStatus().events).toMatchObject({ sent: 3, dropped: 3, queued: 0 });
    expect(dispatcher.deliveredCount()).toBe(3);
    expect(dispatcher.batches.every((b) => b.events.length <= 2)).toBe(true);
  });

  it('never puts private attributes in an event', async () => {
    const { client, events } = makeClient({ privateAttributes: ['email'], exposureConfig: {}, assignmentConfig: {} });
    client.createUserContext('user-1', { ...US_PRO, email: 'secret@example.test' }).decide('checkout-redesign');
    client.variation('enterprise-dashboard', { kind: 'multi', user: { key: 'u', email: 'secret@example.test' }, org: { key: 'o', tier: 'enterprise' } }, 'x');
    client.track('e', { kind: 'user', key: 'u', email: 'secret@example.test', _meta: { privateAttributes: ['phone'] }, phone: '555-0100' });
    client.identify({ kind: 'user', key: 'u', email: 'secret@example.test' });
    client.evaluate({ user_id: 'u', device_id: 'd', email: 'secret@example.test', user_properties: { country: 'UK' } } as never, undefined, { tracksExposure: true });
    const body = JSON.stringify(await events());
    expect(body.length).toBeGreaterThan(100);
    expect(body).not.toContain('secret@example.test');
    expect(body).not.toContain('555-0100');
  });
});
