// Configuration "audiences": one tri-state probe flag per audience construct (every match type, typed audiences
// replacing text ones, unknown match and condition types, missing audience ids, nested and/or/not trees, bare id
// lists, ODP segments), so a user's decision shows whether the expression was true, false or unknown.
import { datafile, leaf, probeFlag } from './builders.js';

const text = (id: string, name: string, conditions: unknown) => ({ id, name, conditions: JSON.stringify(conditions) });
const typed = (id: string, name: string, conditions: unknown) => ({ id, name, conditions });

const audiences = [
  text('100', 'US', ['and', ['or', ['or', leaf('country', 'exact', 'US')]]]),
  text('101', 'exact without match', ['or', leaf('plan', undefined, 'pro')]),
  text('102', 'age 30 exactly', ['or', leaf('age', 'exact', 30)]),
  text('103', 'age "30" as text', ['or', leaf('age', 'exact', '30')]),
  text('104', 'beta', ['or', leaf('beta', 'exact', true)]),
  text('105', 'has email', ['or', leaf('email', 'exists', null)]),
  text('106', 'example email', ['or', leaf('email', 'substring', '@example')]),
  typed('107', 'adult', ['and', leaf('age', 'gt', 18), leaf('age', 'le', 65)]),
  typed('108', 'young', ['or', leaf('age', 'lt', 17.5), leaf('age', 'ge', 2 ** 53)]),
  typed('109', 'version >= 2.1', ['or', leaf('version', 'semver_ge', '2.1')]),
  typed('110', 'version < 3', ['or', leaf('version', 'semver_lt', '3')]),
  typed('111', 'version == 2', ['or', leaf('version', 'semver_eq', '2')]),
  typed('112', 'version > 1.9.9-beta', ['or', leaf('version', 'semver_gt', '1.9.9-beta')]),
  typed('113', 'version <= 2.0.0', ['or', leaf('version', 'semver_le', '2.0.0')]),
  text('114', 'unknown match', ['or', leaf('country', 'regex', 'U.')]),
  text('115', 'unknown type', ['or', leaf('country', 'exact', 'US', 'custom_dimension')]),
  typed('116', 'vip segment', ['or', leaf('odp.audiences', 'qualified', 'vip', 'third_party_dimension')]),
  text('117', 'CA (replaced by the typed audience)', ['or', leaf('country', 'exact', 'CA')]),
  typed('117', 'FR (replaces the text audience)', ['or', leaf('country', 'exact', 'FR')]),
  typed('118', 'not US, nested', ['not', ['or', leaf('country', 'exact', 'US'), leaf('country', 'exact', 'us')]]),
  typed('119', 'empty not', ['and', ['not'], leaf('plan', 'exact', 'pro')]),
  typed('120', 'big number condition', ['or', leaf('age', 'gt', 2 ** 53 + 2)]),
  typed('121', 'wrong-type values', ['or', leaf('age', 'gt', '18'), leaf('email', 'substring', 7), leaf('version', 'semver_eq', 2)]),
  typed('122', 'bare list without operator', [leaf('plan', 'exact', 'free'), leaf('beta', 'exact', false)]),
];

const expressions: [string, unknown][] = [
  ['us', ['or', '100']],
  ['plan-pro', ['or', '101']],
  ['age-30', ['or', '102']],
  ['age-30-text', ['or', '103']],
  ['beta', ['or', '104']],
  ['has-email', ['or', '105']],
  ['example-email', ['or', '106']],
  ['adult', ['and', '107']],
  ['young', ['or', '108']],
  ['semver-ge', ['or', '109']],
  ['semver-lt', ['or', '110']],
  ['semver-eq', ['or', '111']],
  ['semver-gt', ['or', '112']],
  ['semver-le', ['or', '113']],
  ['unknown-match', ['or', '114', '104']],
  ['unknown-type', ['and', '115', '101']],
  ['odp-vip', ['or', '116']],
  ['typed-wins', ['or', '117']],
  ['nested-not', ['and', '118', ['or', '107', '105']]],
  ['empty-not', ['or', '119']],
  ['big-number', ['or', '120']],
  ['wrong-types', ['or', '121']],
  ['bare-list', ['or', '122']],
  ['missing-audience', ['or', 'no-such-audience', '104']],
  ['id-list', ['100', '104']],
  ['tree', ['or', ['and', '100', ['not', '104']], ['and', '109', '110', ['not', ['or', '102', '103']]]]],
];

/** How many parts the audience probes are split into (one configuration, and one test file, per part). */
export const AUDIENCE_PARTS = 5;

/** Part `part` (0-based) of the "audiences" configuration: every audience, a fifth of the probe flags. */
export function audiencesConfig(part: number): { datafile: Record<string, unknown>; flagKeys: string[] } {
  const probes = expressions.map(([key, expr], i) => probeFlag(i, `aud-${key}`, expr)).filter((_, i) => i % AUDIENCE_PARTS === part);
  return {
    datafile: datafile({
      attributes: ['country', 'plan', 'age', 'beta', 'email', 'version'].map((key, i) => ({ id: String(900 + i), key })),
      audiences: audiences.filter((a) => typeof a.conditions === 'string'),
      typedAudiences: audiences.filter((a) => typeof a.conditions !== 'string'),
      experiments: probes.flatMap((p) => p.experiments),
      rollouts: probes.map((p) => p.rollout),
      featureFlags: probes.map((p) => p.flag),
      integrations: [{ key: 'odp', host: 'https://api.zaius.com', publicKey: 'W4WzcEs-ABgXorzY7h1LCQ' }],
    }),
    flagKeys: probes.map((p) => p.flag['key'] as string),
  };
}
