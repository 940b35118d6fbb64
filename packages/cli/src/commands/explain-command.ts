// `ensign explain <datafile> <flagKey> --context '<json>'`: the decision for one context, and why.
import { parseDatafile, formatIssues } from '@ensign/datafile-schema';
import type { JsonValue } from '@ensign/datafile-schema';
import { compileDatafile, evaluateFlag, getFlag } from '@ensign/evaluator-core';
import type { CliIo } from '../io.js';
import { CliError, readInput } from '../io.js';
import { contextFromOptions } from '../explain/context-input.js';
import { formatExplanation } from '../explain/format-explanation.js';
import { quarantineOf } from '../quarantine.js';

/** Options of {@link runExplain}, as the command line gives them. */
export interface ExplainCommandOptions {
  /** A LaunchDarkly-style context (or legacy user), JSON text or `@file`. */
  context?: string;
  /** An Optimizely `{ userId, attributes }` or Amplitude `{ user_id, device_id, user_properties }` user. */
  user?: string;
  /** The shape of `user`: `optimizely` or `amplitude`; detected when absent. */
  face?: string;
  /** The default value, as JSON; `null` when absent. */
  default?: string;
  /** ODP segments the user qualifies for, for `qualified` conditions. */
  segments?: string[];
  /** Print the evaluator's result (with its trace) as JSON. */
  json?: boolean;
}

function parseDefault(text: string | undefined): JsonValue {
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    // A bare word is taken as a string, so `--default control` works without quotes inside quotes.
    return text;
  }
}

/**
 * Evaluates one flag for one context with a trace and prints the explanation (or the JSON result). Returns the exit
 * code: 0 when a decision was made (even a default), 1 when the datafile does not load or the flag does not exist
 * or is quarantined.
 * Throws {@link CliError} for bad arguments.
 *
 * @example
 * await runExplain(io, 'flags.json', 'checkout-redesign', { context: '{"kind":"user","key":"user-42"}' });
 */
export async function runExplain(io: CliIo, datafilePath: string, flagKey: string, options: ExplainCommandOptions): Promise<number> {
  const input = contextFromOptions(options);
  const parsed = parseDatafile(await readInput(io, datafilePath));
  if (!parsed.ok) throw new CliError(`${datafilePath} does not load:\n${formatIssues(parsed.issues)}`);
  const compiled = compileDatafile(parsed.datafile);
  const result = evaluateFlag(compiled, input.context, flagKey, {
    defaultValue: parseDefault(options.default),
    trace: true,
    includeReasons: true,
    ...(options.segments !== undefined ? { qualifiedSegments: options.segments } : {}),
  });
  if (options.json === true) io.out(`${JSON.stringify({ context: input.context, result }, null, 2)}\n`);
  else io.out(formatExplanation({ result, flag: getFlag(compiled, flagKey), context: input.context, contextWarnings: input.warnings }));
  // The SDK sets a quarantined flag aside: it answers an error (the default value) until the flag is fixed.
  const quarantined = quarantineOf(parsed).find((q) => q.kind === 'flag' && q.key === flagKey);
  if (quarantined !== undefined) {
    io.err(`flag "${flagKey}" is quarantined: ${quarantined.path}: ${quarantined.message} (see ensign validate ${datafilePath})\n`);
    return 1;
  }
  if (result.reason.kind === 'ERROR' && result.reason.errorKind === 'FLAG_NOT_FOUND') {
    const known = compiled.flagKeys.slice(0, 20).join(', ');
    io.err(`no flag "${flagKey}" in ${datafilePath}; its flags: ${known}${compiled.flagKeys.length > 20 ? ', …' : ''}\n`);
    return 1;
  }
  return 0;
}
