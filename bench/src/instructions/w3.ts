// `pnpm --filter @ensign/bench bench:instructions:w3`: instructions from configuration text to ready (W3), one
// callgrind child per subject, one after the other. Options: `--flags N` (default 10 000), `--subjects a,b`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const DEFAULT_SUBJECTS = ['ensign', 'ensign-compact', 'growthbook', 'json-parse', 'ensign-parse'];
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const flags = Number(option('--flags') ?? 10_000);
const subjects = option('--subjects')?.split(',') ?? DEFAULT_SUBJECTS;
const child = fileURLToPath(new URL('./w3-child.ts', import.meta.url));

/** Instructions of one cold W3 run of `subject`, or an error text. */
function measure(subject: string): number | string {
  const r = spawnSync(
    'valgrind',
    [
      '--tool=callgrind',
      '--callgrind-out-file=/dev/null',
      '--toggle-collect=node::contextify::ContextifyScript::RunInContext*',
      process.execPath,
      '--single-threaded',
      '--import',
      'tsx',
      '--conditions=@ensign/source',
      child,
      subject,
      String(flags),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const m = /Collected : (\d+)/.exec(r.stderr);
  if (r.status !== 0 || m === null) return `failed (exit ${r.status}): ${r.stderr.split('\n').filter((l) => !l.startsWith('==')).slice(-3).join(' ')}`;
  return Number(m[1]);
}

const rows: [string, number | string][] = [];
for (const subject of subjects) {
  const n = measure(subject);
  rows.push([subject, n]);
  console.error(`${subject}: ${typeof n === 'number' ? `${(n / 1e6).toFixed(0)} M` : n}`);
}
const gb = rows.find(([s]) => s === 'growthbook')?.[1];
console.log(`W3 — instructions from text to ready, ${flags} flags, one cold run (callgrind), ${new Date().toISOString().slice(0, 10)}, Node ${process.version}\n`);
console.log('| subject | instructions | × GrowthBook |\n| --- | ---: | ---: |');
for (const [subject, n] of rows) {
  const ratio = typeof n === 'number' && typeof gb === 'number' ? `${(n / gb).toFixed(2)}×` : '';
  console.log(`| ${subject} | ${typeof n === 'number' ? `${(n / 1e6).toFixed(0)} M` : n} | ${ratio} |`);
}
