// Ad-hoc measurement (not a test): parse + validate time of generated datafiles beside JSON.parse alone.
// Run: pnpm --filter @ensign/datafile-schema exec tsx --conditions=@ensign/source scripts/measure-parse.ts
import { parseDatafile } from '../src/parse-datafile.js';
import { generateDatafile } from '../src/testing/generate-datafile.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const best = (values: number[]): number => Math.min(...values);

for (const flags of [1_000, 10_000]) {
  const text = JSON.stringify(generateDatafile({ flags }));
  const first = performance.now();
  const cold = parseDatafile(text);
  const coldMs = performance.now() - first;
  if (!cold.ok) throw new Error('generated datafile is invalid');
  const json: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < 25; i++) {
    let t = performance.now();
    JSON.parse(text);
    json.push(performance.now() - t);
    t = performance.now();
    parseDatafile(text);
    full.push(performance.now() - t);
  }
  const j = median(json);
  const p = median(full);
  console.log(
    `${flags} flags (${(text.length / 1e6).toFixed(2)} MB): median JSON.parse ${j.toFixed(1)} ms, parseDatafile ${p.toFixed(1)} ms, ` +
      `ratio ${(p / j).toFixed(2)}; best ${best(json).toFixed(1)} / ${best(full).toFixed(1)} ms; first call ${coldMs.toFixed(1)} ms`,
  );
}
