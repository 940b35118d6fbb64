// Small builders for test datafiles (tests only; not shipped).
import type { Context } from '@ensign/context';
import type { Datafile, Flag } from '@ensign/datafile-schema';
import { compileDatafile, type CompiledDatafile } from '../../src/compile/compile-datafile.js';

/** A boolean flag, on, with variations `off` (false) and `on` (true), off variation `off`, and no rules. */
export function boolFlag(key: string, overrides: Partial<Flag> = {}): Flag {
  return {
    key,
    on: true,
    variations: [
      { key: 'off', value: false },
      { key: 'on', value: true },
    ],
    offVariation: 'off',
    ...overrides,
  };
}

/** A datafile around flags. */
export function datafile(flags: Flag[], extra: Partial<Datafile> = {}): Datafile {
  return { schemaVersion: 1, revision: 'rev-1', environment: 'test', flags, ...extra };
}

/** Compiles flags into a datafile. */
export function compile(flags: Flag[], extra: Partial<Datafile> = {}): CompiledDatafile {
  return compileDatafile(datafile(flags, extra));
}

/** A user context. */
export function user(key: string, attributes: Record<string, unknown> = {}): Context {
  return { kind: 'user', key, ...attributes } as Context;
}
