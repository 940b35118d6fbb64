// Reading inputs (a file or standard input) and writing outputs for the commands.
import { readFile, writeFile } from 'node:fs/promises';

/** Where a command writes: standard output and standard error, injectable for tests. */
export interface CliIo {
  /** Writes to standard output (the result: a datafile, a report). */
  out(text: string): void;
  /** Writes to standard error (warnings, errors). */
  err(text: string): void;
  /** Reads standard input to the end. */
  readStdin(): Promise<string>;
}

/**
 * A failure that ends the command with a message on standard error and an exit code (1 unless told). Thrown only by
 * the command layer and caught in `runCli`; the libraries below never throw.
 *
 * @example
 * throw new CliError(`cannot read ${path}: no such file`);
 */
export class CliError extends Error {
  /** The process exit code. */
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/**
 * The process's own streams.
 *
 * @example
 * const io = processIo();
 * io.out('done\n');
 */
export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

function reason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

/**
 * Reads a text input: a file, or standard input when `path` is `-`. Throws {@link CliError} when it cannot be read.
 *
 * @example
 * const text = await readInput(io, '-'); // piped: `cat export.json | ensign import optimizely -`
 */
export async function readInput(io: CliIo, path: string): Promise<string> {
  if (path === '-') return io.readStdin();
  try {
    const text = await readFile(path, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${reason(e)}`);
  }
}

/**
 * Writes a text output: a file, or standard output when `path` is undefined or `-`. Throws {@link CliError} when the
 * file cannot be written.
 *
 * @example
 * await writeOutput(io, options.output, JSON.stringify(datafile, null, 2) + '\n');
 */
export async function writeOutput(io: CliIo, path: string | undefined, text: string): Promise<void> {
  if (path === undefined || path === '-') {
    io.out(text);
    return;
  }
  try {
    await writeFile(path, text, 'utf8');
  } catch (e) {
    throw new CliError(`cannot write ${path}: ${reason(e)}`);
  }
}
