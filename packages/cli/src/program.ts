// The `ensign` command line: commands, options, help texts and exit codes.
import { Argument, Command, CommanderError, Option } from 'commander';
import { IMPORT_VENDORS, runImport } from './commands/import-command.js';
import { runExplain } from './commands/explain-command.js';
import { runTypegen } from './commands/typegen-command.js';
import { runValidate } from './commands/validate-command.js';
import type { CliIo } from './io.js';
import { CliError } from './io.js';
import { CLI_VERSION } from './version.js';

function examples(...lines: string[]): string {
  return `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('ensign')
    .description('Import vendor flag configurations into Ensign datafiles, validate and explain datafiles, generate typed flag accessors.')
    .version(CLI_VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride()
    .addHelpText(
      'after',
      examples(
        'ensign import launchdarkly latest-all.json -o flags.json',
        'ensign validate flags.json',
        `ensign explain flags.json checkout-redesign --context '{"kind":"user","key":"user-42"}'`,
        'ensign typegen flags.json -o src/flags.ts',
      ) + '\nRun ensign <command> --help for the options and examples of each command.\n',
    );

  program
    .command('import')
    .summary('vendor configuration (Optimizely, LaunchDarkly, Amplitude, GrowthBook) in, Ensign datafile out')
    .description("Convert a vendor's flag configuration into an Ensign datafile. Warnings (with the JSON path in the vendor's input) go to stderr.")
    .addArgument(new Argument('<vendor>', 'where the configuration comes from').choices(IMPORT_VENDORS))
    .argument('<file>', 'the vendor export (Optimizely datafile, LaunchDarkly /sdk/latest-all, Amplitude /sdk/v2/flags, GrowthBook SDK payload), or - for stdin')
    .option('-o, --output <file>', 'write the datafile here instead of stdout')
    .option('--compact', 'write the compact encoding: flags with identical fields share them in flagTemplates (smaller, faster to load; read by SDKs that know flag templates)')
    .addHelpText(
      'after',
      examples(
        'ensign import optimizely optimizely-datafile.json -o ensign.json',
        'ensign import growthbook features.json --compact -o ensign.json',
        'curl -s -H "Authorization: $LD_SDK_KEY" https://sdk.launchdarkly.com/sdk/latest-all | ensign import launchdarkly - > ensign.json',
      ),
    )
    .action(async (vendor: string, file: string, options: { output?: string; compact?: boolean }) => {
      await runImport(io, vendor, file, options);
    });

  program
    .command('validate')
    .summary('would this datafile load? every issue with its JSON path')
    .description('Check a datafile as the SDK would load it: every issue with its JSON path, every quarantined entity. Exit code 0 when it would load, 1 when not.')
    .argument('<datafile>', 'the datafile, or - for stdin')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', examples('ensign validate flags.json'))
    .action(async (datafile: string, options: { json?: boolean }) => {
      setExitCode(await runValidate(io, datafile, options));
    });

  program
    .command('explain')
    .summary('the decision for one context, and why: every rule tried')
    .description('Evaluate one flag for one context and explain the decision: variation, value, reason, and each rule tried and why it matched or not.')
    .argument('<datafile>', 'the datafile')
    .argument('<flagKey>', 'the flag to evaluate')
    .option('-c, --context <json>', 'a context, e.g. {"kind":"user","key":"user-42","plan":"pro"} (or @file)')
    .option('-u, --user <json>', 'an Optimizely {"userId","attributes"} or Amplitude {"user_id","device_id","user_properties"} user (or @file)')
    .addOption(new Option('--face <face>', 'the shape of --user (detected when absent)').choices(['optimizely', 'amplitude']))
    .option('-d, --default <json>', 'the default value served when no variation is (JSON, or a bare string)')
    .option('--segments <list>', 'comma-separated ODP segments the user qualifies for', (v: string) => v.split(',').map((s) => s.trim()).filter((s) => s !== ''))
    .option('--json', "print the evaluator's result and trace as JSON")
    .addHelpText(
      'after',
      examples(
        `ensign explain flags.json checkout-redesign --context '{"kind":"user","key":"user-42","country":"US","plan":"pro"}'`,
        `ensign explain flags.json checkout-redesign --user '{"userId":"user-42","attributes":{"plan":"pro"}}'`,
        `ensign explain flags.json pricing-page --user '{"user_id":"user-42","user_properties":{"country":"UK"}}'`,
      ),
    )
    .action(async (datafile: string, flagKey: string, options: Record<string, unknown>) => {
      setExitCode(await runExplain(io, datafile, flagKey, options));
    });

  program
    .command('typegen')
    .summary('typed flag accessors for TypeScript')
    .description('Generate a TypeScript module with typed accessors for every flag of a datafile (a typo in a flag key becomes a compile error).')
    .argument('<datafile>', 'the datafile, or - for stdin')
    .option('-o, --output <file>', 'write the module here instead of stdout')
    .addHelpText('after', examples('ensign typegen flags.json -o src/flags.ts'))
    .action(async (datafile: string, options: { output?: string }) => {
      await runTypegen(io, datafile, options);
    });

  return program;
}

/**
 * Runs the `ensign` command line with `argv` (the arguments after the program name) and resolves with the exit
 * code. Never rejects: usage errors, unreadable inputs and fatal import problems are written to `io.err` and
 * answered with exit code 1 (help and version: 0).
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), processIo());
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  if (argv.length === 0) {
    program.outputHelp();
    return 1;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode; // commander has written its message
    if (e instanceof CliError) {
      io.err(`ensign: ${e.message}\n`);
      return e.exitCode;
    }
    io.err(`ensign: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
