import { createRecordingLogger } from '@ensign/event-pipeline/testing';
import { describe, expect, it } from 'vitest';
import type { EvaluationDetail, EvaluationSeriesContext, EvaluationSeriesData, Hook } from './client.js';
import { createClient, exampleDatafile } from './client.js';

interface Call {
  stage: 'before' | 'after';
  flagKey: string;
  method: string;
  face: string;
  data?: EvaluationSeriesData;
  detail?: EvaluationDetail;
}

function recordingHook(name: string, calls: Call[]): Hook {
  return {
    getMetadata: () => ({ name }),
    beforeEvaluation(ctx: EvaluationSeriesContext, data) {
      calls.push({ stage: 'before', flagKey: ctx.flagKey, method: ctx.method, face: ctx.face });
      return { ...data, seen: `${name}:${ctx.flagKey}` };
    },
    afterEvaluation(ctx, data, detail) {
      calls.push({ stage: 'after', flagKey: ctx.flagKey, method: ctx.method, face: ctx.face, data, detail });
      return data;
    },
  };
}

describe('evaluation hooks', () => {
  it('run once per flag decided by each face, passing beforeEvaluation data to afterEvaluation', () => {
    const calls: Call[] = [];
    const client = createClient({ datafile: exampleDatafile, hooks: [recordingHook('h', calls)] });
    expect(client.variation('dark-mode', { kind: 'user', key: 'user-beta-1' }, false)).toBe(true);
    client.createUserContext('user-42', { country: 'US', plan: 'pro' }).decide('checkout-redesign');
    client.evaluate({ user_id: 'user-42' }, ['pricing-page']);
    const summary = calls.map((c) => `${c.stage} ${c.face}.${c.method} ${c.flagKey}`);
    expect(summary).toEqual([
      'before launchdarkly.LDClient.variation dark-mode',
      'after launchdarkly.LDClient.variation dark-mode',
      'before optimizely.decide checkout-redesign',
      'after optimizely.decide checkout-redesign',
      'before amplitude.evaluate pricing-page',
      'after amplitude.evaluate pricing-page',
    ]);
    const after = calls.filter((c) => c.stage === 'after');
    expect(after[0]?.data).toEqual({ seen: 'h:dark-mode' });
    expect(after[0]?.detail).toMatchObject({ value: true, revision: exampleDatafile.revision });
  });

  it('see the context redacted, its default value, and errors of calls that could not evaluate', () => {
    const seen: EvaluationSeriesContext[] = [];
    const details: EvaluationDetail[] = [];
    const client = createClient({
      datafile: exampleDatafile,
      privateAttributes: ['email'],
      hooks: [{ getMetadata: () => ({ name: 'spy' }), beforeEvaluation: (c, d) => (seen.push(c), d), afterEvaluation: (_c, d, detail) => (details.push(detail), d) }],
    });
    client.variation('dark-mode', { kind: 'user', key: 'u-1', email: 'a@example.com' }, 'fallback');
    client.variation('dark-mode', { kind: 'user' }, 'fallback');
    expect(seen[0]?.context).toMatchObject({ kind: 'user', key: 'u-1' });
    expect(JSON.stringify(seen[0]?.context)).not.toContain('a@example.com');
    expect(seen[0]?.defaultValue).toBe('fallback');
    expect(seen[1]?.context).toBeNull();
    expect(details[1]?.reason).toEqual({ kind: 'ERROR', errorKind: 'USER_NOT_SPECIFIED' });
  });

  it('added with addHook run on later calls; a throwing hook is logged and skipped', () => {
    const logger = createRecordingLogger();
    const calls: Call[] = [];
    const client = createClient({ datafile: exampleDatafile, logger });
    client.addHook({
      getMetadata: () => ({ name: 'broken' }),
      beforeEvaluation: () => {
        throw new Error('boom');
      },
    });
    client.addHook(recordingHook('ok', calls));
    client.addHook({ notAHook: true } as unknown as Hook);
    expect(client.boolVariation('dark-mode', { kind: 'user', key: 'user-beta-1' }, false)).toBe(true);
    expect(calls.map((c) => c.stage)).toEqual(['before', 'after']);
    expect(logger.text()).toContain('hook "broken" failed in beforeEvaluation of dark-mode: boom');
    expect(logger.text()).toContain('addHook: a hook needs a getMetadata function');
  });

  it('run after a multi-flag call for each flag it reports', () => {
    const calls: Call[] = [];
    const client = createClient({ datafile: exampleDatafile, hooks: [recordingHook('all', calls)] });
    const decisions = client.createUserContext('user-42', { country: 'US' }).decideAll();
    const decided = calls.filter((c) => c.stage === 'after').map((c) => c.flagKey);
    expect(decided.sort()).toEqual(Object.keys(decisions).sort());
  });
});
