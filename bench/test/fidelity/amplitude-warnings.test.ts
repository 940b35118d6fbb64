// The parser's warnings on an imported Amplitude datafile follow Amplitude's rules: a comparison value it calls
// "never matches" must never match in Amplitude's own engine, whatever the user. Amplitude compares numbers as
// `Number(String(value))` (so `""` is 0), matches a missing property when the values hold `"(none)"`, and falls back
// to comparing strings when a version does not parse — so `less [""]`, `less ["(none)"]` and `version less ["abc"]`
// can match, and a warning on them would be false (each is logged at `warn` when a client loads the datafile).
import type { EvaluationFlag } from '@amplitude/experiment-core';
import { parseDatafile } from '@ensign/datafile-schema';
import { importAmplitudeFlags } from '@ensign/importers/amplitude';
import { describe, expect, it } from 'vitest';
import { amplitudeEvaluate, ensignEvaluate, ensignOnAmplitude } from './amplitude-harness.js';

const OPS = ['less', 'less or equal', 'greater', 'greater or equal', 'version less', 'version less or equal', 'version greater', 'version greater or equal'];
const VALUES = ['', '(none)', 'abc', ' ', '10', '1e3', '-2.5', '1.2.3', '2.0', '1.2.3-beta.1', 'v1', 'NaN', 'Infinity'];
const PROPS: unknown[] = [undefined, '', '0', '5', '10', '1e3', 'abc', 'zzz', '1.2.3', '1.10.0', '0.9', '2.0.0-rc.1', 3, -7, true, '(none)', ' '];

const FLAGS: EvaluationFlag[] = OPS.flatMap((op, i) =>
  VALUES.map((value, j) => ({
    key: `f${i}-${j}`,
    variants: { on: { key: 'on', value: 'on' } },
    segments: [{ conditions: [[{ selector: ['context', 'user', 'user_properties', 'p'], op, values: [value] }]], variant: 'on' }],
  })),
);

function amplitudeEverMatches(flag: EvaluationFlag): boolean {
  return PROPS.some((p) => amplitudeEvaluate([flag], { user_id: 'u', user_properties: p === undefined ? {} : { p } })[flag.key] !== undefined);
}

describe('parse warnings on imported Amplitude comparisons', () => {
  const imported = importAmplitudeFlags(FLAGS as never);
  if (!imported.ok) throw new Error('import failed');
  const parsed = parseDatafile(imported.datafile);
  if (!parsed.ok) throw new Error('parse failed');
  const warned = new Set(parsed.warnings.filter((w) => /never match/.test(w.message)).map((w) => Number(/^flags\[(\d+)\]/.exec(w.path)?.[1])));

  it('say "never matches" only of values that never match in Amplitude', () => {
    const falseWarnings = [...warned].map((i) => FLAGS[i] as EvaluationFlag).filter(amplitudeEverMatches);
    expect(falseWarnings.map((f) => JSON.stringify(f.segments[0]?.conditions?.[0]?.[0]))).toEqual([]);
  });

  it('do not warn about the values the issue named: less [""], less ["(none)"], version less ["abc"]', () => {
    const at = (op: string, value: string) => OPS.indexOf(op) * VALUES.length + VALUES.indexOf(value);
    for (const i of [at('less', ''), at('less', '(none)'), at('version less', 'abc')]) {
      expect(amplitudeEverMatches(FLAGS[i] as EvaluationFlag)).toBe(true);
      expect(warned.has(i)).toBe(false);
    }
  });

  it('still warn where Amplitude never matches (the check is not vacuous)', () => {
    expect(warned.size).toBeGreaterThan(0);
    for (const i of warned) expect(amplitudeEverMatches(FLAGS[i] as EvaluationFlag)).toBe(false);
  });
});

describe('the same comparisons evaluated', () => {
  it('match for the same users in Ensign as in Amplitude', async () => {
    const { client } = await ensignOnAmplitude(FLAGS);
    try {
      for (const p of PROPS) {
        const user = { user_id: 'u', user_properties: p === undefined ? {} : { p } };
        expect(ensignEvaluate(client, user), JSON.stringify(p)).toEqual(amplitudeEvaluate(FLAGS, user));
      }
    } finally {
      await client.close();
    }
  });
});
