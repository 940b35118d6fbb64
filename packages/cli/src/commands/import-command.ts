// `ensign import <vendor> <file|->`: a vendor's configuration in, an Ensign datafile out.
import { compactDatafile } from '@ensign/datafile-schema';
import type { ImportResult, ImportWarning } from '@ensign/importers';
import type { CliIo } from '../io.js';
import { CliError, readInput, writeOutput } from '../io.js';

/** The vendors `ensign import` reads. */
export const IMPORT_VENDORS = ['optimizely', 'launchdarkly', 'amplitude', 'growthbook'] as const;

/** One of {@link IMPORT_VENDORS}. */
export type ImportVendor = (typeof IMPORT_VENDORS)[number];

/** Options of {@link runImport}. */
export interface ImportCommandOptions {
  /** Where the datafile goes; standard output when absent or `-`. */
  output?: string;
  /** Indentation of the JSON written. Default 2. */
  indent?: number;
  /** Write the compact encoding (`compactDatafile` of @ensign/datafile-schema: flag templates). Default false. */
  compact?: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Amplitude's `/sdk/v2/flags` answers an array, which the importer reads as text; a `{ flags: [...] }` wrapper (as
 * some exports write) is unwrapped first, since the importer would read an object as a map by flag key.
 */
function amplitudeInput(text: string): string | readonly unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return text; // the importer reports it, with its own message
  }
  return isRecord(value) && Array.isArray(value['flags']) ? (value['flags'] as unknown[]) : text;
}

/**
 * Runs the vendor's importer, each loaded only when asked for. The importers take the JSON text themselves (and
 * report text that is not their format as errors with paths); LaunchDarkly's also unwraps the streaming `put` event
 * `{ path, data: { flags, segments } }`.
 */
async function runImporter(vendor: ImportVendor, text: string): Promise<ImportResult> {
  switch (vendor) {
    case 'optimizely': {
      const { importOptimizelyDatafile } = await import('@ensign/importers/optimizely');
      return importOptimizelyDatafile(text);
    }
    case 'launchdarkly': {
      const { importLaunchDarkly } = await import('@ensign/importers/launchdarkly');
      return importLaunchDarkly(text);
    }
    case 'amplitude': {
      const { importAmplitudeFlags } = await import('@ensign/importers/amplitude');
      return importAmplitudeFlags(amplitudeInput(text) as Parameters<typeof importAmplitudeFlags>[0]);
    }
    case 'growthbook': {
      const { importGrowthBook } = await import('@ensign/importers/growthbook');
      return importGrowthBook(text);
    }
  }
}

function line(kind: string, w: ImportWarning): string {
  return `${kind}: ${w.path === '' ? '(root)' : w.path}: ${w.message}\n`;
}

/**
 * Imports a vendor's configuration: warnings go to standard error (one line each, with the JSON path in the
 * vendor's input), the datafile to standard output or `options.output`. Throws {@link CliError} (exit code 1) when
 * the input cannot be read or the importer reports a fatal problem; the errors are written first.
 *
 * @param vendor - one of {@link IMPORT_VENDORS}.
 * @param inputPath - a file, or `-` for standard input.
 * @example
 * await runImport(io, 'optimizely', 'datafile.json', { output: 'ensign.json' });
 */
export async function runImport(io: CliIo, vendor: string, inputPath: string, options: ImportCommandOptions = {}): Promise<void> {
  if (!(IMPORT_VENDORS as readonly string[]).includes(vendor)) {
    throw new CliError(`unknown vendor "${vendor}": expected one of ${IMPORT_VENDORS.join(', ')}`);
  }
  const text = await readInput(io, inputPath);
  let result: ImportResult;
  try {
    result = await runImporter(vendor as ImportVendor, text);
  } catch (e) {
    if (e instanceof CliError) throw e;
    // Importers never throw by contract; this keeps a broken one from printing a stack trace at a user.
    throw new CliError(`the ${vendor} importer failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  for (const w of result.warnings) io.err(line('warning', w));
  if (!result.ok) {
    for (const e of result.errors) io.err(line('error', e));
    throw new CliError(`the ${vendor} input could not be imported (${result.errors.length} error${result.errors.length === 1 ? '' : 's'})`);
  }
  const written = options.compact === true ? compactDatafile(result.datafile) : result.datafile;
  await writeOutput(io, options.output, `${JSON.stringify(written, null, options.indent ?? 2)}\n`);
  const flags = result.datafile.flags.length;
  const summary = `imported ${flags} flag${flags === 1 ? '' : 's'} from ${vendor} with ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}`;
  io.err(`${summary}${options.output !== undefined && options.output !== '-' ? ` into ${options.output}` : ''}\n`);
}
