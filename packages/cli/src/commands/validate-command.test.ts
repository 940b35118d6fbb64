import { describe, expect, it } from 'vitest';
import { formatValidationReport } from './validate-command.js';

describe('formatValidationReport', () => {
  it('lists a quarantined flag with its own issues and still says the datafile would load', () => {
    const text = formatValidationReport('flags.json', {
      loads: true,
      revision: '7',
      flagCount: 4,
      errors: [],
      warnings: [{ path: 'flags[0].colour', message: 'unknown field' }],
      quarantined: [
        {
          kind: 'flag',
          key: 'beta',
          path: 'flags[3]',
          message: '2 problems',
          issues: [
            { path: 'flags[3].rules[0].conditions.op', message: 'unknown operator "is"' },
            { path: 'flags[3].offVariation', message: 'no variation "gone"' },
          ],
        },
      ],
    });
    expect(text.split('\n')).toEqual([
      'quarantined: flag "beta" (flags[3]): 2 problems',
      '  error: flags[3].rules[0].conditions.op: unknown operator "is"',
      '  error: flags[3].offVariation: no variation "gone"',
      'warning: flags[0].colour: unknown field',
      'flags.json: would load (revision "7", 4 flags; 1 quarantined, 1 warning)',
      '',
    ]);
  });

  it('does not repeat the message of a quarantined entity with a single issue at its own path', () => {
    const text = formatValidationReport('f.json', {
      loads: true,
      revision: '1',
      flagCount: 0,
      errors: [],
      warnings: [],
      quarantined: [{ kind: 'segment', key: 's', path: 'segments[0].rules', message: 'must be an array', issues: [{ path: 'segments[0].rules', message: 'must be an array' }] }],
    });
    expect(text).toBe('quarantined: segment "s" (segments[0].rules): must be an array\nf.json: would load (revision "1", 0 flags; 1 quarantined, 0 warnings)\n');
  });

  it('shows errors at the document root as (root) and says it would not load', () => {
    const text = formatValidationReport('f.json', { loads: false, errors: [{ path: '', message: 'invalid JSON' }], warnings: [], quarantined: [] });
    expect(text).toBe('error: (root): invalid JSON\nf.json: would NOT load (1 error; 0 quarantined, 0 warnings)\n');
  });
});
