// `pnpm --filter @ensign/readme-check check [--no-run] [file-or-folder...]`: type-checks and runs the blocks of the Markdown files
// named by the arguments, each a file or a folder (all when none), and prints each failure with its file and line.
// `--no-run` only type-checks.
import { join, resolve } from 'node:path';
import { collectPrograms, where } from './extract.js';
import { fixtureEnv, fixtureFiles } from './fixtures.js';
import { runBlock } from './run.js';
import { typecheck } from './typecheck.js';
import { writePrograms } from './workspace.js';

const root = resolve(import.meta.dirname, '../../..');
const noRun = process.argv.includes('--no-run');
const filters = process.argv.slice(2).filter((a) => a !== '--no-run');
const all = collectPrograms(root).filter((p) => filters.length === 0 || filters.some((f) => p.block.file === f || p.block.file.startsWith(f.endsWith('/') ? f : `${f}/`)));
const programs = writePrograms(root, join(import.meta.dirname, '../.blocks'), all);
const diagnostics = typecheck(root, programs);
let failures = 0;
for (const program of programs) {
  const { block } = program;
  const problems = [...block.problems, ...(block.marks.has('excerpt') ? [] : (diagnostics.get(program.path) ?? []))];
  if (!noRun && !block.marks.has('fragment') && !block.marks.has('excerpt')) {
    const result = await runBlock(program.path, { tsx: join(root, 'node_modules/.bin/tsx'), files: fixtureFiles(root, block.file), env: fixtureEnv(block.file), timeoutMs: 45_000 });
    if (result.exitCode !== 0) problems.push(`run: ${result.timedOut ? 'timed out' : `exit ${result.signal ?? result.exitCode}`}\n${result.output.trim()}`);
  }
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${where(block)} ${block.info}`);
  for (const p of problems) console.log(`     ${p.split('\n').slice(0, 12).join('\n     ')}`);
  if (problems.length) failures += 1;
}
console.log(`${programs.length - failures} blocks pass, ${failures} fail`);
process.exitCode = failures ? 1 : 0;
