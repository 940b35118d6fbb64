// Runs one block's file with tsx (the `@ensign/source` condition) in a fresh temporary folder holding the files it
// reads, and waits for it to exit on its own: a server or timer it leaves open makes it time out.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  output: string;
}

export interface RunOptions {
  /** The tsx executable (tools/readme-check/node_modules/.bin/tsx or the root's). */
  tsx: string;
  /** Files to put in the temporary folder: name in the folder → absolute path (a file or a folder), or the text. */
  files: Record<string, string | { text: string }>;
  /** Environment variables added to the process's own. */
  env: Record<string, string>;
  timeoutMs: number;
}

export async function runBlock(path: string, options: RunOptions): Promise<RunResult> {
  const cwd = mkdtempSync(join(tmpdir(), 'ensign-readme-'));
  try {
    for (const [name, from] of Object.entries(options.files)) {
      mkdirSync(dirname(join(cwd, name)), { recursive: true });
      if (typeof from === 'string') cpSync(from, join(cwd, name), { recursive: true });
      else writeFileSync(join(cwd, name), from.text);
    }
    return await new Promise<RunResult>((resolve) => {
      // Its own process group, so a timeout stops whatever the block started.
      const child = spawn(options.tsx, ['--conditions=@ensign/source', path], {
        cwd,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...options.env, NODE_OPTIONS: '', FORCE_COLOR: '0', NO_COLOR: '1' },
      });
      let output = '';
      const append = (chunk: Buffer) => {
        if (output.length < 20_000) output += chunk.toString('utf8');
      };
      child.stdout.on('data', append);
      child.stderr.on('data', append);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, options.timeoutMs);
      child.on('close', (exitCode, signal) => {
        clearTimeout(timer);
        resolve({ exitCode, signal, timedOut, output });
      });
    });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
