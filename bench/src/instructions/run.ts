// `pnpm bench:instructions`: instructions per evaluation under callgrind, for the baseline, Ensign's rows and
// @amplitude/experiment-core. Each row runs twice in its own process, with 0 and N calls after the same warm-up;
// (instructions(N) − instructions(0)) / N is its cost per call, start-up and warm-up cancelled out.
//
//   pnpm bench:instructions                       every workload
//   pnpm bench:instructions -- --only W1,W4       some workloads
//   pnpm bench:instructions -- --rows baseline,ensign-variation
//   pnpm bench:instructions -- --calls 10000      another N (default: the workload's)
//   pnpm bench:instructions -- --repeat 3         3 pairs of runs per row, the median reported (W4 moves between runs)
//   pnpm bench:instructions -- --bundle FILE      a child bundled earlier (bench/.cache/neutral-child.mjs copied)
//   pnpm bench:instructions -- --profile          also where the instructions go, per function (see profile.ts)
//   pnpm bench:instructions -- --out DIR          where the callgrind files go (default bench/.cache/callgrind)
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bundleChild } from '../neutral/bundle.js';
import type { Facts, RowFigures, Workload } from '../neutral/op.js';
import { countInstructions, NODE_FLAGS, type CountResult } from './callgrind.js';
import { compilingPerCall, profileLines, readProfile } from './profile.js';
import { formatInstructionTable, type CountedRow } from './report.js';
import { WORKLOADS } from './workloads/index.js';

const OUT_DIR = fileURLToPath(new URL('../../.cache/callgrind', import.meta.url));
let outDir = OUT_DIR;

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function list(text: string | undefined): Set<string> | null {
  return text === undefined ? null : new Set(text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function countWorkload(bundle: string, w: Workload, rows: Set<string> | null, callsOverride: number | undefined, profile: boolean, repeat: number): Promise<string> {
  const calls = callsOverride ?? w.calls;
  const counted: CountedRow[] = [];
  const profiles: string[] = [];
  const flags = profile ? ['--perf-basic-prof'] : [];
  for (const row of w.rows) {
    if (!row.instructions || (rows !== null && !rows.has(row.name.toLowerCase()))) continue;
    const label = `${w.name}-${row.name}`;
    try {
      // `--repeat R`: R pairs of runs; the row's figure is the pair with the median cost per call (a recompilation
      // landing inside the measured part of one run moves W4 by a thousand instructions per call).
      const pairs: { zero: CountResult; full: CountResult; perCall: number }[] = [];
      for (let r = 0; r < repeat; r++) {
        const suffix = repeat > 1 ? `-r${r + 1}` : '';
        // Both runs get the same pool (the users of N calls), whatever N `--calls` asks for.
        const zero = await countInstructions(bundle, [w.name, row.name, 'count', '0', String(calls)], outDir, `${label}-0${suffix}`, 1_800_000, flags);
        const full = await countInstructions(bundle, [w.name, row.name, 'count', String(calls), String(calls)], outDir, `${label}-${calls}${suffix}`, 1_800_000, flags);
        pairs.push({ zero, full, perCall: (full.instructions - zero.instructions) / calls });
      }
      const sorted = [...pairs].sort((a, b) => a.perCall - b.perCall);
      const { zero, full } = sorted[(sorted.length - 1) >> 1] as (typeof pairs)[number];
      const spread: Facts = repeat > 1 ? { runs: `${repeat}, ${Math.round(sorted[0]?.perCall ?? 0)}–${Math.round(sorted[sorted.length - 1]?.perCall ?? 0)}` } : {};
      // TurboFan's instructions inside the measured part of the reported pair (per call): 0 in a steady state.
      const zeroCosts = readProfile(zero.outFile, zero.pid);
      const fullCosts = readProfile(full.outFile, full.pid);
      spread['compiling'] = Math.round(compilingPerCall(zeroCosts, fullCosts, calls));
      if (profile) {
        const lines = profileLines(zeroCosts, fullCosts, calls);
        profiles.push(['', `Where ${row.name}'s instructions go (self, per call; \`JS:*\` = optimized JavaScript):`, '', '```', ...lines, '```'].join('\n'));
      }
      counted.push({ row: row.name, what: row.what, zero: zero.instructions, full: full.instructions, calls, facts: { ...full.child.facts, ...spread } });
      process.stderr.write(`  ${label}: ${((full.instructions - zero.instructions) / calls).toFixed(0)} instructions per call\n`);
    } catch (error) {
      process.stderr.write(`  ${label}: failed: ${error instanceof Error ? error.message : String(error)}\n`);
      counted.push({ row: row.name, what: row.what, zero: 0, full: 0, calls, facts: { error: 'failed' } });
    }
  }
  const figures: RowFigures[] = counted.map((c) => ({ row: c.row, value: (c.full - c.zero) / c.calls, facts: c.facts }));
  const extra = w.summarize?.(figures) ?? [];
  return [`### ${w.name} — ${w.title}`, '', formatInstructionTable(w, counted), ...(extra.length > 0 ? ['', ...extra.map((l) => `- ${l}`)] : []), ...profiles].join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  const only = list(option(argv, '--only'));
  const rows = list(option(argv, '--rows'));
  // `--out DIR`: where the callgrind files go (default bench/.cache/callgrind), so two runs can go side by side.
  outDir = option(argv, '--out') ?? OUT_DIR;
  const callsText = option(argv, '--calls');
  const calls = callsText === undefined ? undefined : Number(callsText);
  // `--repeat R` (default 1): R pairs of runs per row, the median pair reported with the range of the others.
  const repeat = Math.max(1, Math.floor(Number(option(argv, '--repeat') ?? 1)) || 1);
  // `--bundle FILE`: a child bundled earlier (e.g. a copy made before a change, for the "before" figures).
  const bundle = option(argv, '--bundle') ?? (await bundleChild());
  const started = new Date();
  const sections: string[] = [];
  for (const w of WORKLOADS) {
    if (only !== null && !only.has(w.name.toLowerCase())) continue;
    process.stderr.write(`${w.name}…\n`);
    sections.push(await countWorkload(bundle, w, rows, calls, argv.includes('--profile'), repeat));
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const header = [
    `## Instructions per call (callgrind) — ${started.toISOString().slice(0, 10)}, commit ${commit()}`,
    '',
    `Node ${process.version} (${NODE_FLAGS.join(' ')}, JIT on, valgrind --smc-check=all-non-file), ${cpu} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GB. ` +
      'Each row: (instructions with N calls − instructions with 0 calls) / N, both after the same warm-up, in its own process.',
  ];
  process.stdout.write(`${[...header, '', ...sections.flatMap((s) => [s, ''])].join('\n')}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
