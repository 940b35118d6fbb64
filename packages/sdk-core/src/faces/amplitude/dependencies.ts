// The flags Amplitude's `evaluateV2(user, flagKeys)` evaluates and returns: the requested ones and, before each,
// the flags it declares as dependencies (transitively), as experiment-core's `topologicalSort` lists them. The
// importer keeps an Amplitude flag's `dependencies` in `metadata.amplitudeFlag.dependencies`.
import type { Flag } from '@ensign/datafile-schema';

const NONE: readonly string[] = Object.freeze([]);
/** Deeper chains than this are cut (Amplitude's own sort would recurse; a datafile is not trusted to be sane). */
const MAX_DEPTH = 100;

/**
 * The dependencies an imported Amplitude flag declares (`metadata.amplitudeFlag.dependencies`), or none.
 *
 * @example
 * declaredDependencies({ key: 'f', on: true, variations: [], metadata: { amplitudeFlag: { dependencies: ['holdout'] } } }); // ['holdout']
 */
export function declaredDependencies(flag: Flag | undefined): readonly string[] {
  const declared = flag?.metadata?.['amplitudeFlag']?.['dependencies'];
  if (!Array.isArray(declared) || declared.length === 0) return NONE;
  return declared.filter((d): d is string => typeof d === 'string');
}

/**
 * The keys to evaluate for `flagKeys`: each known key after its declared dependencies, each once (unknown keys stay,
 * to be answered as unknown). `flagKeys` itself when no requested flag declares a dependency (no allocation).
 *
 * @param flagOf the flag of a key in the datafile in use, or undefined.
 * @example
 * withDependencies(['pricing'], flagOf); // ['holdout-1', 'pricing'] when pricing depends on holdout-1
 */
export function withDependencies(flagKeys: readonly unknown[], flagOf: (key: string) => Flag | undefined): readonly unknown[] {
  if (!flagKeys.some((k) => typeof k === 'string' && declaredDependencies(flagOf(k)).length > 0)) return flagKeys;
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string, depth: number): void => {
    if (seen.has(key) || depth > MAX_DEPTH) return;
    seen.add(key);
    for (const dependency of declaredDependencies(flagOf(key))) visit(dependency, depth + 1);
    out.push(key);
  };
  for (const key of flagKeys) if (typeof key === 'string') visit(key, 0);
  return out;
}
