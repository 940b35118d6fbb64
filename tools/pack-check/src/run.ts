// Runs a command to completion and returns its output; a failure throws with the command, exit code and output, so
// a test failure says what broke.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tools/pack-check/src → ../../..). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * This process's environment without the `npm_config_*` / `npm_package_*` variables a package manager sets for the
 * scripts it runs (pnpm's would reach npm as unknown settings): commands see what a user's shell has.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_(config|package)_/i.test(name) && !(name in env)) env[name] = value;
  }
  return env;
}

/** Runs `command args` in `cwd`; never throws (the caller reads `status`). */
export function runAllowingFailure(command: string, args: readonly string[], cwd: string, timeoutMs = 600_000): RunResult {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
    env: cleanEnv(),
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: `${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}` };
}

/** Runs `command args` in `cwd` and returns stdout; throws when it exits non-zero. */
export function run(command: string, args: readonly string[], cwd: string, timeoutMs?: number): string {
  const result = runAllowingFailure(command, args, cwd, timeoutMs);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** pnpm 10 as the repository runs it (the global one, or through npx on a fresh machine). */
export function pnpm(args: readonly string[], cwd = REPO_ROOT, timeoutMs?: number): string {
  return run('bash', [join(REPO_ROOT, 'scripts', 'pnpm.sh'), ...args], cwd, timeoutMs);
}

/** One `tsc` diagnostic: the file it is in (relative to the project, or '' for a global one) and its text. */
export interface TscError {
  readonly file: string;
  readonly text: string;
}

/** Type-checks a project with the repository's TypeScript and returns its errors. */
export function tscErrors(project: string): TscError[] {
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = runAllowingFailure(process.execPath, [tsc, '-p', project, '--pretty', 'false'], dirname(project));
  const errors: TscError[] = [];
  for (const line of result.stdout.split('\n')) {
    const located = /^(.+?)\(\d+,\d+\): error (TS\d+: .*)$/.exec(line);
    if (located) errors.push({ file: located[1]!, text: line });
    else if (/^error TS\d+/.test(line)) errors.push({ file: '', text: line });
  }
  if (result.status !== 0 && errors.length === 0) errors.push({ file: '', text: `tsc exited ${result.status}: ${result.stdout}${result.stderr}` });
  return errors;
}
