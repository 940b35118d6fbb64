import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldDecideOptions, isDecideOption, OptimizelyDecideOption } from './decide-options.js';

const ALL = Object.values(OptimizelyDecideOption);

describe('foldDecideOptions', () => {
  it('turns each option into its flag', () => {
    const { flags, unknown } = foldDecideOptions([], ALL);
    expect(flags).toEqual({
      disableDecisionEvent: true,
      enabledFlagsOnly: true,
      ignoreUserProfileService: true,
      includeReasons: true,
      excludeVariables: true,
    });
    expect(unknown).toEqual([]);
  });

  it('adds the call options to the client defaults', () => {
    const { flags } = foldDecideOptions(['INCLUDE_REASONS'], ['EXCLUDE_VARIABLES']);
    expect(flags.includeReasons).toBe(true);
    expect(flags.excludeVariables).toBe(true);
    expect(flags.disableDecisionEvent).toBe(false);
  });

  it('reports unknown entries and a non-array options value, ignoring them', () => {
    expect(foldDecideOptions([], ['NOPE', 3]).unknown).toEqual(['NOPE', 3]);
    expect(foldDecideOptions([], 'INCLUDE_REASONS').unknown).toEqual(['INCLUDE_REASONS']);
    expect(foldDecideOptions([], 'INCLUDE_REASONS').flags.includeReasons).toBe(false);
  });

  it('sets a flag exactly when its option is among the defaults or the call options', () => {
    fc.assert(
      fc.property(fc.subarray(ALL), fc.subarray(ALL), (defaults, call) => {
        const { flags, unknown } = foldDecideOptions(defaults, call);
        const given = new Set([...defaults, ...call]);
        expect(unknown).toEqual([]);
        expect(flags.includeReasons).toBe(given.has('INCLUDE_REASONS'));
        expect(flags.disableDecisionEvent).toBe(given.has('DISABLE_DECISION_EVENT'));
        expect(flags.enabledFlagsOnly).toBe(given.has('ENABLED_FLAGS_ONLY'));
        expect(flags.ignoreUserProfileService).toBe(given.has('IGNORE_USER_PROFILE_SERVICE'));
        expect(flags.excludeVariables).toBe(given.has('EXCLUDE_VARIABLES'));
      }),
      { numRuns: 100 },
    );
  });
});

describe('isDecideOption', () => {
  it('accepts the five Optimizely option strings only', () => {
    for (const option of ALL) expect(isDecideOption(option)).toBe(true);
    expect(isDecideOption('IGNORE_CMAB_CACHE')).toBe(false);
    expect(isDecideOption(undefined)).toBe(false);
  });
});
