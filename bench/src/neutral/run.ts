// `pnpm bench:neutral`: the neutral workload by wall-clock time, every row (the baseline, Ensign's rows and every
// peer) in its own process, in interleaved rounds: round r runs each row once, in a rotated order, so that load from
// other work on the machine falls on every row alike. A row's figure is the median over the rounds of its
// wall-clock time per call (CPU time beside it).
//
//   pnpm bench:neutral                        every workload, 5 rounds
//   pnpm bench:neutral -- --rounds 9 --only W1,W2 --rows baseline,ensign-variation
import { spawn } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { formatNs, table } from '../harness/format.js';
import { median } from '../harness/measure.js';
import { WORKLOADS } from '../instructions/workloads/index.js';
import { bundleChild } from './bundle.js';
import type { ChildResult } from './child.js';
import type { RowFigures, Workload } from './op.js';

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function list(text: string | undefined): Set<string> | null {
  return text === undefined ? null : new Set(text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
}

/** Runs `node <bundle> <args>` and parses its last stdout line. */
function runChild(bundle: string, args: readonly string[], timeoutMs: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2_000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`${args.join(' ')}: exited with ${code}: ${stderr.trim()}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as ChildResult);
      } catch (error) {
        reject(error);
      }
    });
  });
}

interface Samples {
  wall: number[];
  cpu: number[];
  facts: ChildResult['facts'];
  error?: string;
}

function formatWorkload(w: Workload, samples: Map<string, Samples>): string {
  const perFlag = w.flags ?? (w.unit.includes('100 flags') ? 100 : 1);
  const reference = w.reference ?? 'baseline';
  const base = samples.get(reference);
  const baseWall = base && base.wall.length > 0 ? median(base.wall) : undefined;
  const rows = [...samples].map(([name, s]) => {
    const row = w.rows.find((r) => r.name === name);
    if (s.wall.length === 0) return [name, 'failed', '', '', '', '', s.error ?? '', row?.what ?? ''];
    const wall = median(s.wall);
    return [
      name,
      formatNs(wall),
      formatNs(wall / perFlag),
      formatNs(median(s.cpu)),
      baseWall === undefined ? '' : `${(wall / baseWall).toFixed(2)}×`,
      `${s.wall.length}`,
      Object.entries(s.facts).map(([k, v]) => `${k} ${v}`).join(', '),
      row?.what ?? '',
    ];
  });
  const figures: RowFigures[] = [...samples].filter(([, s]) => s.wall.length > 0).map(([row, s]) => ({ row, value: median(s.wall), facts: s.facts }));
  const extra = w.summarize?.(figures) ?? [];
  return [
    `### ${w.name} — ${w.title}`,
    '',
    table(['row', `wall / ${w.unit} (median)`, 'per flag', 'CPU / call', `× ${reference}`, 'rounds', 'facts', 'what'], rows),
    ...(extra.length > 0 ? ['', ...extra.map((l) => `- ${l}`)] : []),
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  const rounds = Number(option(argv, '--rounds') ?? 5);
  const only = list(option(argv, '--only'));
  const pick = list(option(argv, '--rows'));
  const bundle = option(argv, '--bundle') ?? (await bundleChild());
  const load0 = loadavg()[0] ?? 0;
  const started = new Date();
  const sections: string[] = [];
  for (const w of WORKLOADS) {
    if (w.timedCalls === 0 || (only !== null && !only.has(w.name.toLowerCase()))) continue;
    const rows = w.rows.filter((r) => pick === null || pick.has(r.name.toLowerCase()));
    const samples = new Map<string, Samples>(rows.map((r) => [r.name, { wall: [], cpu: [], facts: {} }]));
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < rows.length; k++) {
        const row = rows[(k + round) % rows.length]!;
        const s = samples.get(row.name)!;
        try {
          const r = await runChild(bundle, [w.name, row.name, 'time', String(w.timedCalls)], 600_000);
          s.wall.push(r.wallNs ?? 0);
          s.cpu.push(r.cpuNs ?? 0);
          s.facts = r.facts;
        } catch (error) {
          s.error = error instanceof Error ? error.message.slice(0, 200) : String(error);
        }
      }
      process.stderr.write(`${w.name}: round ${round + 1}/${rounds}\n`);
    }
    sections.push(formatWorkload(w, samples));
  }
  const header = [
    `## Neutral workload, wall-clock — ${started.toISOString().slice(0, 10)}`,
    '',
    `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GB; ${rounds} interleaved rounds, ` +
      `each row in its own process per round; load average (1 min) ${load0.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end.`,
  ];
  process.stdout.write(`${[...header, '', ...sections.flatMap((s) => [s, ''])].join('\n')}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
