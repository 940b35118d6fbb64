// Every implementation under test, by name, loaded lazily so that a child process loads only its own subject.
import type { Workload } from './harness/job.js';
import type { Subject } from './harness/subject.js';

interface Entry {
  load: () => Promise<Subject>;
  /** What a row of this subject measures, for the report. */
  description: string;
}

const SUBJECTS: Record<string, Entry> = {
  baseline: {
    load: async () => (await import('./peers/baseline.js')).baseline,
    description: 'hand-written: Map lookup + murmur3 (murmurhash3js-revisited) + compare',
  },
  ensign: {
    load: async () => (await import('./ensign/evaluator.js')).ensignEvaluator,
    description: '@ensign/evaluator-core: evaluateFlag / evaluateFlags on a compiled datafile',
  },
  'ensign-sdk-decide': {
    load: async () => (await import('./ensign/sdk.js')).ensignSdkDecide,
    description: '@ensign/node-sdk: client.createUserContext(id, attrs).decide(key)',
  },
  'ensign-sdk-variation': {
    load: async () => (await import('./ensign/sdk.js')).ensignSdkVariation,
    description: '@ensign/node-sdk: client.variation(key, context, default)',
  },
  'ensign-sdk-evaluate': {
    load: async () => (await import('./ensign/sdk.js')).ensignSdkEvaluate,
    description: '@ensign/node-sdk: client.evaluate(user, flagKeys)',
  },
  'ensign-compact': {
    load: async () => (await import('./ensign/compact.js')).ensignCompact,
    description: '@ensign/datafile-schema compactDatafile text (flag templates) → parseDatafile → compileDatafile',
  },
  'ensign-parse': {
    load: async () => (await import('./ensign/parse.js')).ensignParse,
    description: '@ensign/datafile-schema: parseDatafile(text) (parse + validate)',
  },
  'json-parse': {
    load: async () => (await import('./ensign/parse.js')).jsonParse,
    description: 'JSON.parse(text) of the same native datafile, alone',
  },
  amplitude: {
    load: async () => (await import('./peers/amplitude.js')).amplitude,
    description: '@amplitude/experiment-core: EvaluationEngine.evaluate (topological sort precomputed)',
  },
  growthbook: {
    load: async () => (await import('./peers/growthbook.js')).growthbook,
    description: '@growthbook/growthbook: GrowthBookClient.evalFeature(key, { attributes })',
  },
  launchdarkly: {
    load: async () => (await import('./peers/launchdarkly.js')).launchdarkly,
    description: '@launchdarkly/node-server-sdk: await variation(key, context, false)',
  },
  optimizely: {
    load: async () => (await import('./peers/optimizely.js')).optimizely,
    description: '@optimizely/optimizely-sdk: createUserContext(id, attrs).decide(key)',
  },
};

/** Names of every subject. */
export const SUBJECT_NAMES = Object.freeze(Object.keys(SUBJECTS));

/** The vendor peers, in report order. */
export const PEERS = Object.freeze(['amplitude', 'growthbook', 'launchdarkly', 'optimizely'] as const);

/** Loads a subject by name; throws on an unknown name. */
export async function loadSubject(name: string): Promise<Subject> {
  const entry = SUBJECTS[name];
  if (!entry) throw new Error(`unknown subject "${name}" (known: ${SUBJECT_NAMES.join(', ')})`);
  return entry.load();
}

/** What a subject's rows measure. */
export function describeSubject(name: string): string {
  return SUBJECTS[name]?.description ?? name;
}

/** One planned measurement: a subject on a workload (W3 also names the flag count). */
export interface PlanEntry {
  workload: Workload;
  subject: string;
  flags?: number;
  /** Also measure allocation (W1, W2) in a second child. */
  heap: boolean;
}

/** The full plan, in report order. `bigFlags` is W3's flag count; `schemaSizes` the parse-only rows' sizes. */
export function plan(bigFlags: number, schemaSizes: readonly number[]): PlanEntry[] {
  const out: PlanEntry[] = [];
  const w1 = ['baseline', 'ensign', 'ensign-sdk-decide', 'ensign-sdk-variation', 'ensign-sdk-evaluate', ...PEERS];
  for (const subject of w1) out.push({ workload: 'W1', subject, heap: true });
  const w2 = ['baseline', 'ensign', 'ensign-sdk-evaluate', ...PEERS];
  for (const subject of w2) out.push({ workload: 'W2', subject, heap: true });
  for (const subject of ['ensign', 'ensign-compact', ...PEERS]) out.push({ workload: 'W3', subject, flags: bigFlags, heap: false });
  for (const size of schemaSizes) {
    out.push({ workload: 'W3', subject: 'json-parse', flags: size, heap: false });
    out.push({ workload: 'W3', subject: 'ensign-parse', flags: size, heap: false });
  }
  for (const subject of ['ensign', 'ensign-sdk-decide', 'growthbook', 'launchdarkly', 'optimizely']) {
    out.push({ workload: 'W4', subject, heap: false });
  }
  return out;
}
