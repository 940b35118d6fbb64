// Every TypeScript and JavaScript block of every README.md (and docs/*.md) runs as written: type-checked with the
// repository's compiler options, then run with tsx in a temporary folder, where it must exit 0 on its own within
// the time limit (a server or timer left open fails it). Marks: see src/extract.ts.
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { collectPrograms, where } from '../src/extract.js';
import { fixtureEnv, fixtureFiles } from '../src/fixtures.js';
import { runBlock } from '../src/run.js';
import { typecheck } from '../src/typecheck.js';
import { writePrograms, type WrittenProgram } from '../src/workspace.js';

const root = resolve(import.meta.dirname, '../../..');
const RUN_TIMEOUT_MS = 45_000; // generous: a loaded 2-core CI machine starts tsx slowly
const PARALLEL = 2;

const programs: WrittenProgram[] = writePrograms(root, join(import.meta.dirname, '../.blocks'), collectPrograms(root));
let diagnostics = new Map<string, string[]>();

beforeAll(() => {
  diagnostics = typecheck(root, programs);
}, 180_000);

let running = 0;
const waiting: (() => void)[] = [];
async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((r) => waiting.push(r));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

const byFile = new Map<string, WrittenProgram[]>();
for (const p of programs) byFile.set(p.block.file, [...(byFile.get(p.block.file) ?? []), p]);
for (const [file, inFile] of byFile) {
  describe(file, () => {
    for (const program of inFile) {
      const { block } = program;
      const name = `${where(block)} (\`\`\`${block.info})`;
      test(`${name} has a valid info string`, () => {
        expect(block.problems, `${where(block)}: ${block.problems.join('; ')}`).toEqual([]);
      });
      if (block.lang === 'ts' && !block.marks.has('excerpt')) {
        test(`${name} type-checks`, () => {
          const found = diagnostics.get(program.path) ?? [];
          expect(found, `${where(block)}: the block does not type-check:\n  ${found.join('\n  ')}`).toEqual([]);
        });
      }
      if (!block.marks.has('fragment') && !block.marks.has('excerpt')) {
        test.concurrent(`${name} runs`, async () => {
          const result = await limited(() => runBlock(program.path, { tsx: join(root, 'node_modules/.bin/tsx'), files: fixtureFiles(root, file), env: fixtureEnv(file), timeoutMs: RUN_TIMEOUT_MS }));
          const why = result.timedOut
            ? `did not exit within ${RUN_TIMEOUT_MS / 1000} s (a server, socket or timer left open?)`
            : `exited with ${result.signal ?? `code ${result.exitCode}`}`;
          expect(result.exitCode, `${where(block)}: the block ${why}; its output:\n${result.output.trim()}`).toBe(0);
        }, RUN_TIMEOUT_MS * 4);
      }
    }
  });
}
