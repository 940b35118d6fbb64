// Ensign's W3 row in the compact encoding: the same datafile written by `compactDatafile` (flag templates), then
// parseDatafile → compileDatafile → the first evaluation, as the `ensign` row does with the plain text.
import { requireExports } from '../harness/missing.js';
import type { Subject } from '../harness/subject.js';
import { benchDatafile, loadEvaluator, loadSchema, parseOrThrow, type SchemaApi } from './api.js';

interface CompactApi {
  compactDatafile(datafile: unknown): unknown;
}

/** The text of the benchmark datafile of `n` flags in the compact encoding (`compactDatafile`). */
export async function compactDatafileText(n: number): Promise<string> {
  const { compactDatafile } = await requireExports<CompactApi>('@ensign/datafile-schema', ['compactDatafile']);
  return JSON.stringify(compactDatafile((await benchDatafile(n)).datafile));
}

/** W3 only: text → ready from the compact encoding. */
export const ensignCompact: Subject = {
  name: 'ensign-compact',
  async w3(flags) {
    const [schema, evaluator]: [SchemaApi, Awaited<ReturnType<typeof loadEvaluator>>] = await Promise.all([loadSchema(), loadEvaluator()]);
    const text = await compactDatafileText(flags);
    const context = { kind: 'user', key: 'user-0', country: 'US', plan: 'pro' } as const;
    const options = { defaultValue: false };
    return {
      async: false,
      evaluationsPerCall: 1,
      run: () => evaluator.evaluateFlag(evaluator.compileDatafile(parseOrThrow(schema, text)), context, 'flag-0', options),
    };
  },
};
