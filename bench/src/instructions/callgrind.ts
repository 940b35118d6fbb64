// Runs one child under `valgrind --tool=callgrind` and reads the instructions it executed. Node runs with its JIT
// (`--jitless` would change the profile): `--smc-check=all-non-file` lets valgrind see code V8 writes at run time.
// V8's `--single-threaded` keeps compilation and GC on the main thread, so every run does the same work in the
// same order and the counts repeat (callgrind counts every thread anyway).
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { ChildResult } from '../neutral/child.js';

/** What one callgrind run gives. */
export interface CountResult {
  /** Instructions executed by the whole process (all threads). */
  instructions: number;
  child: ChildResult;
  /** The callgrind output file, for `callgrind_annotate`. */
  outFile: string;
  /** The process id (names the perf map of `--perf-basic-prof`). */
  pid: number;
}

/** Node flags of the counted child. */
export const NODE_FLAGS = ['--single-threaded'];

/**
 * The `totals:` (or `summary:`) line of a callgrind output file. With instrumentation switched on part-way
 * (`--instr-atstart=no`), callgrind writes `summary: 0` and the real count in `totals:`.
 */
export function totalInstructions(text: string): number {
  const m = /^totals:\s*(\d+)/m.exec(text) ?? /^summary:\s*(\d+)/m.exec(text);
  if (m === null) throw new Error('no summary line in the callgrind output');
  return Number(m[1]);
}

/** Runs `node <bundle> <args>` under callgrind; rejects when the child fails. */
export function countInstructions(bundle: string, args: readonly string[], outDir: string, label: string, timeoutMs: number, nodeFlags: readonly string[] = []): Promise<CountResult> {
  mkdirSync(outDir, { recursive: true });
  const outFile = `${outDir}/${label}.out`;
  // Instrumentation starts off; the child's `#ensign:measure` / `#ensign:end` lines turn it on and off (child.ts).
  const valgrindArgs = ['--tool=callgrind', '--smc-check=all-non-file', '--instr-atstart=no', `--callgrind-out-file=${outFile}`, process.execPath, ...NODE_FLAGS, ...nodeFlags, bundle, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', valgrindArgs, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let seen = 0;
    const instrument = (state: 'on' | 'off') =>
      execFile('callgrind_control', ['-i', state, String(child.pid)], (error) => {
        if (error) {
          child.kill('SIGKILL');
          reject(new Error(`${label}: callgrind_control -i ${state} failed: ${error.message}`));
        } else child.stdin.write('go\n');
      });
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      // Each marker line is answered once, in order.
      for (;;) {
        const next = seen === 0 ? '#ensign:measure\n' : seen === 1 ? '#ensign:end\n' : null;
        if (next === null || !stdout.includes(next)) break;
        seen++;
        instrument(seen === 1 ? 'on' : 'off');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && seen !== 2) {
        reject(new Error(`${label}: the child never marked its measured part`));
        return;
      }
      if (code !== 0) {
        reject(new Error(`${label}: valgrind exited with ${code}: ${stderr.split('\n').slice(-12).join('\n')}`));
        return;
      }
      try {
        const last = stdout.trim().split('\n').pop() ?? '';
        resolve({ instructions: totalInstructions(readFileSync(outFile, 'utf8')), child: JSON.parse(last) as ChildResult, outFile, pid: child.pid ?? 0 });
      } catch (error) {
        reject(error);
      }
    });
  });
}
