// The conversion of an Amplitude user is lossless too: user fields named as context built-ins (`key`, `kind`,
// `name`, `anonymous`, `_meta`, and `~`-prefixed names) are targetable, and Amplitude's own engine
// (`@amplitude/experiment-core`) and Ensign's Amplitude face serve the same variants on conditions over them.
import type { EvaluationFlag } from '@amplitude/experiment-core';
import { describe, expect, it } from 'vitest';
import { compare, describeMismatches } from '../../../packages/importers/test/amplitude/differential.js';

const NAMES = ['key', 'kind', 'name', 'anonymous', '_meta', '~tilde'] as const;

function flagOn(name: string, op: string, values: string[], n: number): EvaluationFlag {
  return {
    key: `${name}-${op}-${n}`,
    metadata: { deployed: true, evaluationMode: 'local', flagType: 'release', flagVersion: 1 },
    variants: { off: { key: 'off', value: 'off' }, on: { key: 'on', value: 'on' } },
    segments: [
      { conditions: [[{ selector: ['context', 'user', name], op, values }]], variant: 'on', metadata: { segmentName: 'match' } },
      { variant: 'off', metadata: { segmentName: 'All Other Users' } },
    ],
  } as EvaluationFlag;
}

const flags = NAMES.flatMap((name) => [flagOn(name, 'is', ['abc', '42'], 1), flagOn(name, 'contains', ['user'], 2), flagOn(name, 'is not', ['(none)'], 3), flagOn(name, 'greater', ['10'], 4)]);

const users = NAMES.flatMap((name) =>
  (['abc', 42, 7, true, 'user-x', null, { a: 1 }] as unknown[]).flatMap((value, i) => [
    { user_id: `user-${i}`, [name]: value },
    { device_id: `device-${i}`, [name]: value, country: 'US' },
  ]),
);

describe('an Amplitude user with fields named as context built-ins', () => {
  it('is served the variants Amplitude serves on conditions over those fields', async () => {
    const { mismatches, seen } = await compare(flags, users);
    expect(describeMismatches(flags, mismatches)).toBe('');
    // Every flag matched some user.
    for (const f of flags) expect(seen.get(`${f.key}:on`) ?? 0, f.key).toBeGreaterThan(0);
  });
});
