import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import type { Context } from '@ensign/context';
import { describe, expect, it } from 'vitest';
import { createEventPipeline } from './event-pipeline.js';
import { EVENT_BATCH_JSON_SCHEMA } from './event-schema.js';
import { createFakeDispatcher } from './testing/fake-dispatcher.js';

type Schema = { [k: string]: unknown };

// A small validator for the keywords the schema uses. `strict` also rejects properties the schema does not list,
// so a field added to an event without being documented in the schema fails this test.
function validate(value: unknown, schema: Schema, path: string, errors: string[], strict: boolean): void {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/$defs/', '');
    return validate(value, (EVENT_BATCH_JSON_SCHEMA.$defs as Record<string, Schema>)[name] as Schema, path, errors, strict);
  }
  if ('const' in schema && value !== schema.const) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: not one of ${JSON.stringify(schema.enum)}`);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    const fits = types.some((t) => t === actual || (t === 'integer' && Number.isInteger(value)));
    if (!fits) errors.push(`${path}: ${actual} is not ${types.join('|')}`);
  }
  if (Array.isArray(schema.oneOf)) {
    const matching = schema.oneOf.filter((s) => {
      const e: string[] = [];
      validate(value, s as Schema, path, e, strict);
      return e.length === 0;
    });
    if (matching.length !== 1) errors.push(`${path}: matches ${matching.length} of oneOf`);
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const name of (schema.required as string[] | undefined) ?? []) if (!(name in obj)) errors.push(`${path}.${name}: missing`);
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [name, v] of Object.entries(obj)) {
      if (name in props) validate(v, props[name] as Schema, `${path}.${name}`, errors, strict);
      else if (strict && schema.properties !== undefined && path.split('.').pop() !== 'context' && !path.endsWith('.tags') && !path.endsWith('.metadata')) {
        errors.push(`${path}.${name}: not in the schema`);
      }
    }
  }
  if (Array.isArray(value) && schema.items !== undefined) value.forEach((v, i) => validate(v, schema.items as Schema, `${path}[${i}]`, errors, strict));
}

function check(value: unknown, strict = true): string[] {
  const errors: string[] = [];
  validate(value, EVENT_BATCH_JSON_SCHEMA as unknown as Schema, '$', errors, strict);
  return errors;
}

describe('EVENT_BATCH_JSON_SCHEMA', () => {
  it('describes every event the pipeline makes, field by field', async () => {
    const scheduler = createFakeScheduler(createFakeClock(1_000));
    const dispatcher = createFakeDispatcher();
    const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock, privateAttributes: ['email'] });
    const ctx: Context = { kind: 'multi', user: { key: 'u1', email: 'x@example.com', plan: 'pro' }, device: { key: 'd1' } };
    pipeline.recordDecision({ context: ctx, flagKey: 'f', flagVersion: 2, variationKey: 'on', variationIndex: 1, variationId: '33', value: { a: [1] }, defaultValue: null, ruleKey: 'r', ruleId: 'r1', ruleType: 'experiment', experimentKey: 'e', experimentId: '22', enabled: true, revision: '7', reason: { kind: 'RULE_MATCH', ruleIndex: 0, inExperiment: true }, prereqOf: 'parent', track: true });
    pipeline.recordDecision({ context: ctx, flagKey: 'missing', variationKey: null, value: 'dflt', track: true });
    pipeline.recordConversion({ context: ctx, eventKey: 'buy', eventId: '9', revision: '7', tags: { revenue: 12.7, value: '1.5' }, data: [1, 2], metricValue: 3 });
    pipeline.recordConversion({ context: ctx, eventKey: 'plain' });
    pipeline.recordIdentify({ kind: 'user', key: 'other' });
    pipeline.recordAssignment({ context: ctx, flags: [{ flagKey: 'f', variantKey: 'on', flagVersion: 2, ruleKey: 'seg' }, { flagKey: 'g', variantKey: null, isDefault: true }] });
    pipeline.recordExposure({ context: ctx, flagKey: 'f', variantKey: 'on', experimentKey: 'exp', metadata: { x: 1 } });
    pipeline.recordExposure({ context: ctx, flagKey: 'g', variantKey: 'v' });
    await pipeline.flush();
    const batch = dispatcher.batches[0];
    expect(new Set(batch?.events.map((e) => e.kind))).toEqual(new Set(['decision', 'conversion', 'identify', 'index', 'summary', 'assignment', 'exposure']));
    expect(check(batch)).toEqual([]);
  });

  it('rejects a batch that breaks it (the validator can fail)', () => {
    expect(check({ schemaVersion: 2, batchId: 'b', sentAt: 1, events: [{ kind: 'identify', id: 'i', timestamp: 'now', context: { kind: 'user' } }] })).toEqual([
      '$.schemaVersion: expected 1',
      '$.events[0]: matches 0 of oneOf',
    ]);
    expect(check({ schemaVersion: 1, batchId: 'b', sentAt: 1, events: [{ kind: 'index', id: 'i', timestamp: 1, context: { kind: 'user' }, extra: 1 }] })).toEqual([
      '$.events[0]: matches 0 of oneOf',
    ]);
    expect(check({ schemaVersion: 1, batchId: 'b', sentAt: 1, events: [{ kind: 'index', id: 'i', timestamp: 1, context: { kind: 'user' }, extra: 1 }] }, false)).toEqual([]);
  });
});
