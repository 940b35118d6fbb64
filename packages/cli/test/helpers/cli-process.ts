// Builds the CLI once per test run and runs the built binary in a child process, always with a timeout.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
/** The built binary. */
export const CLI_PATH = join(REPO_ROOT, 'packages/cli/dist/cli.js');
/** The datafile examples of @ensign/datafile-schema. */
export const EXAMPLES = join(REPO_ROOT, 'packages/datafile-schema/examples');
/** The vendor configurations written for these tests. */
export const FIXTURES = join(REPO_ROOT, 'packages/cli/test/fixtures');

/** Long enough for a cold `turbo run build` of the CLI and the packages below it on a busy machine (2 minutes here). */
export const BUILD_TIMEOUT_MS = 300_000;

/** What a child process did. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command; resolves when it exits, or kills it after `timeoutMs` and resolves with what it wrote. */
export function run(command: string, args: readonly string[], options: { cwd?: string; input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: options.cwd ?? REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      stderr += `\n[killed after ${options.timeoutMs ?? 20_000} ms]`;
    }, options.timeoutMs ?? 20_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // a child that exits before reading its input
    child.stdin.end(options.input ?? '');
  });
}

/** Runs `node packages/cli/dist/cli.js ...args`. */
export function runCli(args: readonly string[], options: { cwd?: string; input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return run(process.execPath, [CLI_PATH, ...args], options);
}

const stateDir = join(tmpdir(), `ensign-cli-test-${createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12)}`);
const lockDir = join(stateDir, 'lock');
const stampFile = join(stateDir, 'built-by');
// Test files run in worker processes of one vitest process: its pid names this test run.
const runId = String(process.ppid);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withLock<T>(body: () => Promise<T>): Promise<T> {
  mkdirSync(stateDir, { recursive: true });
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      let age = 0;
      try {
        age = Date.now() - statSync(lockDir).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > BUILD_TIMEOUT_MS) rmSync(lockDir, { recursive: true, force: true }); // left by a killed run
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockDir}`);
      await sleep(250);
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Builds `@ensign/cli` and what it depends on with turbo, once per test run: test files running in parallel wait
 * for the first one's build instead of rebuilding `dist/` under each other's feet. Throws with turbo's output when
 * the build fails.
 */
export async function buildCli(): Promise<void> {
  await withLock(async () => {
    let stamp = '';
    try {
      stamp = readFileSync(stampFile, 'utf8');
    } catch {
      // not built in this run yet
    }
    if (stamp === runId) return;
    const result = await run('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@ensign/cli...', '--output-logs=errors-only'], {
      timeoutMs: BUILD_TIMEOUT_MS - 5_000,
    });
    if (result.code !== 0) throw new Error(`the CLI build failed (exit ${result.code}):\n${(result.stdout + result.stderr).slice(-4000)}`);
    writeFileSync(stampFile, runId);
  });
}

/** A fresh temporary directory, and the function that removes it. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ensign-cli-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
