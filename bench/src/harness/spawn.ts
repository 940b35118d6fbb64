// Runs one job in a fresh child process (same Node, --expose-gc, the @ensign/source condition through tsx), so
// that subjects never share a JIT or a heap. Jobs are run one at a time by the caller.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Job, JobResult } from './job.js';

const WORKER = fileURLToPath(new URL('../worker.ts', import.meta.url));

/**
 * Heap jobs get a young generation big enough that one measured chunk never triggers a scavenge, so the growth of
 * the used heap over a chunk is what the chunk allocated. Timing jobs run with Node's default heap settings.
 */
const HEAP_FLAGS = ['--min-semi-space-size=64', '--max-semi-space-size=64'];

/** Node flags of a child. */
export function childExecArgv(job: Job): string[] {
  // tsx's package entry is its ESM loader; resolved from here (the workspace root's node_modules).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return ['--expose-gc', '--conditions=@ensign/source', '--import', tsx, ...(job.kind === 'heap' ? HEAP_FLAGS : [])];
}

/** Runs a job in a child and resolves with its result (a failed result when the child dies or times out). */
export function spawnJob(job: Job, timeoutMs: number): Promise<JobResult> {
  return new Promise((resolve) => {
    let settled = false;
    let stderr = '';
    const child = fork(WORKER, [JSON.stringify(job)], {
      execArgv: childExecArgv(job),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    const finish = (result: JobResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ ok: false, job, error: `timed out after ${timeoutMs} ms`, missing: false });
    }, timeoutMs);
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-4_000);
    });
    child.on('message', (message) => finish(message as JobResult));
    child.on('exit', (code, signal) => {
      finish({ ok: false, job, error: `child exited (${signal ?? code}) without a result${stderr ? `: ${stderr.trim()}` : ''}`, missing: false });
    });
  });
}
