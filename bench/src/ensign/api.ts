// Loads the Ensign packages the benchmark drives, checking that each export it calls exists. A package that is not
// there yet makes its rows "missing" (MissingImplementationError), never faked.
import type { SingleKindContext } from '@ensign/context';
import type { Datafile } from '@ensign/datafile-schema';
import type { CompiledDatafile, EvaluationResult } from '@ensign/evaluator-core';
import { MissingImplementationError, requireExports } from '../harness/missing.js';
import { ensignDatafile, type BenchHashMode, type PlanAttribute } from './datafile.js';

/** A user context as @ensign/context defines it (LaunchDarkly-style): `{ kind: 'user', key, country, plan }`. */
export type BenchContext = SingleKindContext;

/** An evaluation result of @ensign/evaluator-core. */
export type BenchResult = EvaluationResult;

/** The parse result of `parseDatafile`. */
export type ParseResult = { ok: true; datafile: Datafile } | { ok: false; issues: readonly { path: string; message: string }[] };

/** @ensign/datafile-schema, as the benchmark uses it. */
export interface SchemaApi {
  parseDatafile(text: string): ParseResult;
}

/** @ensign/evaluator-core, as the benchmark uses it. */
export type EvaluatorApi = Pick<typeof import('@ensign/evaluator-core'), 'compileDatafile' | 'evaluateFlag' | 'evaluateFlags'>;

/** Loads @ensign/datafile-schema. */
export function loadSchema(): Promise<SchemaApi> {
  return requireExports<SchemaApi>('@ensign/datafile-schema', ['parseDatafile']);
}

/** Loads @ensign/evaluator-core. */
export function loadEvaluator(): Promise<EvaluatorApi> {
  return requireExports<EvaluatorApi>('@ensign/evaluator-core', ['compileDatafile', 'evaluateFlag', 'evaluateFlags']);
}

/** Parses datafile text, throwing (a failed row, not a missing one) when Ensign rejects the benchmark's datafile. */
export function parseOrThrow(schema: SchemaApi, text: string): Datafile {
  const parsed = schema.parseDatafile(text);
  if (!parsed.ok) {
    const first = parsed.issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`);
    throw new Error(`parseDatafile rejected the benchmark datafile: ${first.join('; ')}`);
  }
  return parsed.datafile;
}

interface TestingApi {
  generateDatafile(options: { flags: number; seed?: number }): Datafile;
}

/** Where the native-hash datafile of the Ensign rows comes from. */
export type DatafileSource = 'generateDatafile' | 'bench';

/**
 * The benchmark datafile of `n` flags in Ensign's own hash mode: `generateDatafile({ flags: n })` from
 * `@ensign/datafile-schema/testing` (the benchmark shape, written by the schema's authors) when it exists, else the
 * bench's own writer of the same shape. The vendor hash modes always use the bench's writer, whose hash inputs
 * line up with the peers' configurations.
 */
export async function benchDatafile(n: number, planAttribute: PlanAttribute = 'plan'): Promise<{ datafile: Datafile; source: DatafileSource }> {
  let datafile: Datafile;
  let source: DatafileSource;
  try {
    const testing = await requireExports<TestingApi>('@ensign/datafile-schema/testing', ['generateDatafile']);
    datafile = testing.generateDatafile({ flags: n });
    source = 'generateDatafile';
  } catch (error) {
    if (!(error instanceof MissingImplementationError)) throw error;
    datafile = ensignDatafile(n, 'ensign');
    source = 'bench';
  }
  return { datafile: planAttribute === 'plan' ? datafile : withPlanAttribute(datafile, planAttribute), source };
}

/** The same datafile with the rule reading the plan from another attribute (Amplitude users' `user_properties`). */
function withPlanAttribute(datafile: Datafile, attribute: PlanAttribute): Datafile {
  const text = JSON.stringify(datafile).replaceAll('{"attribute":"plan",', `{"attribute":${JSON.stringify(attribute)},`);
  return JSON.parse(text) as Datafile;
}

/**
 * The text of the benchmark datafile of `n` flags. `writer: 'auto'` (the default) takes {@link benchDatafile} in
 * Ensign's hash mode; `'bench'`, and every vendor hash mode, take the bench's own writer (the cross-check needs its
 * hash inputs, which match the peers' and the baseline's).
 */
export async function datafileText(n: number, mode: BenchHashMode = 'ensign', writer: 'auto' | 'bench' = 'auto'): Promise<string> {
  return JSON.stringify(mode === 'ensign' && writer === 'auto' ? (await benchDatafile(n)).datafile : ensignDatafile(n, mode));
}

/**
 * Compiles the benchmark datafile of `n` flags for the evaluation workloads (W1, W2, W4: compiling is not timed).
 * The datafile goes through `parseDatafile` when @ensign/datafile-schema has it, so that a datafile Ensign would
 * reject is never measured; without it, the same JSON text is compiled as `JSON.parse` gives it.
 */
export async function compiledDatafile(
  n: number,
  mode: BenchHashMode = 'ensign',
  writer: 'auto' | 'bench' = 'auto',
): Promise<{ evaluator: EvaluatorApi; compiled: CompiledDatafile }> {
  const evaluator = await loadEvaluator();
  const text = await datafileText(n, mode, writer);
  let datafile: Datafile;
  try {
    datafile = parseOrThrow(await loadSchema(), text);
  } catch (error) {
    if (!(error instanceof MissingImplementationError)) throw error;
    datafile = JSON.parse(text) as Datafile;
  }
  return { evaluator, compiled: evaluator.compileDatafile(datafile) };
}
