// Reading a vendor's constructor options into `createClient`'s: a table per vendor says, option by option, what
// Ensign does with it. Unlike `createClient`, which refuses an unknown option, a vendor entry accepts every option:
// one it does not implement (or does not know) is warned about once, through the logger, and ignored, as
// LaunchDarkly's SDK does with `Ignoring unknown config option "x"`.
import type { Logger } from '@ensign/common';
import { safeLog } from '@ensign/common';
import type { ClientOptions } from '../options.js';

/** The options being built (every field writable). */
export type ClientOptionsDraft = { -readonly [K in keyof ClientOptions]?: ClientOptions[K] };

/** What a table entry does with an option's value: writes `createClient` options, or returns why it is ignored. */
export type OptionMapper = (value: unknown, draft: ClientOptionsDraft, all: Readonly<Record<string, unknown>>) => string | void;

/** How one vendor's options map onto Ensign's. */
export interface VendorOptionTable {
  /** The vendor's name in warnings (`LaunchDarkly`). */
  readonly vendor: string;
  /** Options Ensign implements: each writes the matching `createClient` options. */
  readonly mapped: Readonly<Record<string, OptionMapper>>;
  /** Options read elsewhere by the entry itself (the logger, the datafile source): accepted silently here. */
  readonly handled?: readonly string[];
  /** Options whose vendor behaviour Ensign already has without them (no diagnostics to opt out of): accepted silently. */
  readonly noEffect?: readonly string[];
  /** The vendor's options Ensign does not implement: warned about once each, ignored. */
  readonly unsupported: readonly string[];
  /** The warning for an option the vendor does not know either, in the vendor's own words. Default: Ensign's. */
  readonly unknownWarning?: (name: string) => string;
}

/** The result of reading a vendor's options. */
export interface VendorOptionsRead {
  readonly draft: ClientOptionsDraft;
  /** The options that were ignored, in the order given (each was warned about once). */
  readonly ignored: readonly string[];
}

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Reads `input` through `table`: mapped options fill the draft, every other option is warned about once (one line
 * each, naming the option, never its value) and ignored. An option whose value has the wrong type is ignored the
 * same way, with the type in the warning. `undefined` values are skipped, as if absent.
 *
 * @example
 * const { draft, ignored } = readVendorOptions(LAUNCHDARKLY_OPTIONS, { capacity: 500, proxyOptions: {} }, logger);
 * draft.eventQueueCapacity; // 500
 * ignored; // ['proxyOptions'] (and one warning)
 */
export function readVendorOptions(table: VendorOptionTable, input: Readonly<Record<string, unknown>>, logger: Logger): VendorOptionsRead {
  const draft: ClientOptionsDraft = {};
  const ignored: string[] = [];
  const handled = new Set(table.handled ?? []);
  const noEffect = new Set(table.noEffect ?? []);
  const unsupported = new Set(table.unsupported);
  const ignore = (name: string, why: string) => {
    ignored.push(name);
    safeLog(logger, 'warn', `${table.vendor} option "${name}" ignored: ${why}`);
  };
  for (const name of Object.keys(input)) {
    const value = input[name];
    if (value === undefined || handled.has(name) || noEffect.has(name)) continue;
    const mapper = Object.hasOwn(table.mapped, name) ? table.mapped[name] : undefined;
    if (mapper !== undefined) {
      const problem = mapper(value, draft, input);
      if (typeof problem === 'string') ignore(name, problem);
    } else if (unsupported.has(name)) {
      ignore(name, 'not supported by Ensign');
    } else if (table.unknownWarning !== undefined) {
      ignored.push(name);
      safeLog(logger, 'warn', table.unknownWarning(name));
    } else {
      ignore(name, `unknown config option (a ${typeName(value)})`);
    }
  }
  return { draft, ignored };
}

type DraftKey = keyof ClientOptionsDraft;

/** A number option copied to `key`, multiplied by `scale` (seconds → ms: 1 000) and rounded. */
export function numberOption(key: DraftKey, scale = 1): OptionMapper {
  return (value, draft) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `expected a number, got a ${typeName(value)}`;
    (draft as Record<string, unknown>)[key] = Math.round(value * scale);
  };
}

/** A boolean option copied to `key` (negated with `invert`). */
export function booleanOption(key: DraftKey, invert = false): OptionMapper {
  return (value, draft) => {
    if (typeof value !== 'boolean') return `expected a boolean, got a ${typeName(value)}`;
    (draft as Record<string, unknown>)[key] = invert ? !value : value;
  };
}

/** An option passed to `key` as given: `createClient` checks it, with its own option name in any error. */
export function sameOption(key: DraftKey): OptionMapper {
  return (value, draft) => {
    (draft as Record<string, unknown>)[key] = value;
  };
}

/** A URL option, without trailing slashes. */
export function urlOption(key: DraftKey): OptionMapper {
  return (value, draft) => {
    if (typeof value !== 'string' || value.trim() === '') return `expected a URL, got a ${typeName(value)}`;
    (draft as Record<string, unknown>)[key] = value.replace(/\/+$/, '');
  };
}

/** A datafile that never arrives: the client stays "not ready" (LaunchDarkly's `offline`: every call answers its default). */
export const NEVER_SOURCE = Object.freeze({ kind: 'offline', start() {}, close() {} });
