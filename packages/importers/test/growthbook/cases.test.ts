// GrowthBook's own test vectors (sdk-js test/cases.json, read from ../shared/vectors at run time, never copied):
// every `feature` case and every `run` case that an importer can carry — only attributes, features and saved groups
// in the context, only feature-rule fields in the experiment — imported and evaluated through Ensign's node-sdk.
// Cases that need run-time state the datafile does not hold (forced variations, QA mode, URLs, contextual-bandit
// leaves, a disabled context) or experiment fields feature rules do not have (`force`, `active`) do not apply.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClient, type EnsignClient } from '@ensign/node-sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { importGrowthBook } from '../../src/growthbook/index.js';
import { difference, type GrowthBookAnswer } from './compare.js';

const CASES_PATH = fileURLToPath(new URL('../../../../../shared/vectors/growthbook/cases.json', import.meta.url));
if (!existsSync(CASES_PATH)) throw new Error(`GrowthBook test vectors are missing: expected ${CASES_PATH} (../shared/vectors from the repository root)`);
const cases = JSON.parse(readFileSync(CASES_PATH, 'utf8')) as { feature: unknown[][]; run: unknown[][] };

type Ctx = { attributes?: Record<string, unknown>; features?: Record<string, unknown>; savedGroups?: Record<string, unknown> };

const CONTEXT_KEYS = new Set(['attributes', 'features', 'savedGroups']);
const RULE_KEYS = new Set(['key', 'variations', 'weights', 'coverage', 'hashAttribute', 'fallbackAttribute', 'hashVersion', 'seed', 'namespace', 'ranges', 'filters', 'condition', 'meta', 'name', 'phase', 'parentConditions']);
const NOT_IN_EXPERIMENT = { 'not-in-experiment': true };
const RUN_FEATURE = '__run-case__';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const open: EnsignClient[] = [];

afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
});

async function evaluate(payload: Record<string, unknown>, attributes: Record<string, unknown>, key: string) {
  const imported = importGrowthBook(payload);
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
  const client = createClient({ datafile: imported.datafile, logger: quiet });
  open.push(client);
  await client.onReady({ timeout: 5_000 });
  return client.variationDetail(key, { kind: 'user', key: 'case-user', ...attributes }, null);
}

const featureCases = cases.feature
  .map(([name, ctx, key, expected]) => ({ name: name as string, ctx: ctx as Ctx, key: key as string, expected: expected as GrowthBookAnswer }))
  .filter((c) => Object.keys(c.ctx).every((k) => CONTEXT_KEYS.has(k)));

const runCases = cases.run
  .map(([name, ctx, experiment, value, inExperiment]) => ({ name: name as string, ctx: ctx as Ctx, experiment: experiment as Record<string, unknown>, value, inExperiment: inExperiment as boolean }))
  .filter((c) => Object.keys(c.ctx).every((k) => CONTEXT_KEYS.has(k)) && Object.keys(c.experiment).every((k) => RULE_KEYS.has(k)));

describe('GrowthBook cases.json, feature cases', () => {
  it('applies to most of the feature cases', () => {
    expect(featureCases.length).toBeGreaterThanOrEqual(45);
  });

  it.each(featureCases)('$name', async ({ ctx, key, expected }) => {
    const payload = { features: ctx.features ?? {}, ...(ctx.savedGroups !== undefined ? { savedGroups: ctx.savedGroups } : {}) };
    const ours = await evaluate(payload, ctx.attributes ?? {}, key);
    expect({ why: difference(expected, ours), expected, ours }).toEqual({ why: null, expected, ours });
  });
});

describe('GrowthBook cases.json, run cases (each experiment as the only rule of a feature)', () => {
  it('applies to most of the run cases', () => {
    expect(runCases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(runCases)('$name', async ({ ctx, experiment, value, inExperiment }) => {
    // runExperiment treats a failing parent condition as "not in the experiment", gate or not.
    const parentConditions = (experiment['parentConditions'] as Record<string, unknown>[] | undefined)?.map((p) => ({ ...p, gate: false }));
    const rule = { ...experiment, ...(parentConditions ? { parentConditions } : {}) };
    const payload = {
      features: { ...(ctx.features ?? {}), [RUN_FEATURE]: { defaultValue: NOT_IN_EXPERIMENT, rules: [rule] } },
      ...(ctx.savedGroups !== undefined ? { savedGroups: ctx.savedGroups } : {}),
    };
    const ours = await evaluate(payload, ctx.attributes ?? {}, RUN_FEATURE);
    // Outside the experiment the feature's default (a value no case uses) is served.
    const expected = inExperiment ? { value, kind: 'RULE_MATCH', inExperiment: true } : { value: NOT_IN_EXPERIMENT, kind: 'FALLTHROUGH', inExperiment: false };
    expect({ value: ours.value, kind: ours.reason.kind, inExperiment: ours.reason.inExperiment === true }).toEqual(expected);
  });
});
