// `ensign typegen <datafile> -o flags.ts`: typed accessors for a datafile's flags.
import { formatIssues, parseDatafile } from '@ensign/datafile-schema';
import type { CliIo } from '../io.js';
import { CliError, readInput, writeOutput } from '../io.js';
import { generateFlagModule } from '../typegen/generate-flag-module.js';
import { quarantineOf } from '../quarantine.js';

/**
 * Reads a datafile, generates its flags module ({@link generateFlagModule}) and writes it to `output` (standard
 * output when absent or `-`). Quarantined flags are left out, with a warning each. Throws {@link CliError} when the
 * datafile does not load.
 *
 * @example
 * await runTypegen(io, 'flags.json', { output: 'src/flags.ts' });
 */
export async function runTypegen(io: CliIo, datafilePath: string, options: { output?: string } = {}): Promise<void> {
  const parsed = parseDatafile(await readInput(io, datafilePath));
  if (!parsed.ok) throw new CliError(`${datafilePath} does not load:\n${formatIssues(parsed.issues)}`);
  const source = generateFlagModule(parsed.datafile, { source: datafilePath === '-' ? undefined : datafilePath.split(/[\\/]/).pop() });
  for (const q of quarantineOf(parsed)) {
    if (q.kind === 'flag') io.err(`warning: flag "${q.key}" is quarantined (${q.path}: ${q.message}) and left out of the types\n`);
  }
  await writeOutput(io, options.output, source);
  if (options.output !== undefined && options.output !== '-') {
    const n = parsed.datafile.flags.length;
    io.err(`wrote ${n} flag${n === 1 ? '' : 's'} to ${options.output}\n`);
  }
}
