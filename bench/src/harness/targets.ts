// The performance targets of the issues, checked against a run: one line each, met / not met, with the numbers.
import { formatNs, formatRatio } from './format.js';
import { timeOf, type Row } from './rows.js';

/** One target and how the run fared. */
export interface TargetCheck {
  target: string;
  status: 'met' | 'not met' | 'not measured';
  detail: string;
}

const PEERS = ['amplitude', 'growthbook', 'launchdarkly', 'optimizely'];

/** A target that cannot be judged: names the rows that have no measurement. */
function absent(target: string, rows: Record<string, number | undefined>): TargetCheck {
  const missing = Object.keys(rows).filter((name) => rows[name] === undefined);
  return { target, status: 'not measured', detail: `no measurement for ${missing.join(', ')}` };
}

/** Checks every target. `bigFlags` is the W3 flag count. */
export function checkTargets(rows: readonly Row[], bigFlags: number): TargetCheck[] {
  const out: TargetCheck[] = [];
  const ensign1 = timeOf(rows, 'W1', 'ensign');
  const base1 = timeOf(rows, 'W1', 'baseline');

  const t1 = 'W1 within 1.5× of the baseline';
  if (ensign1 === undefined || base1 === undefined) out.push(absent(t1, { 'W1 ensign': ensign1, 'W1 baseline': base1 }));
  else {
    const r = ensign1 / base1;
    out.push({ target: t1, status: r <= 1.5 ? 'met' : 'not met', detail: `Ensign ${formatNs(ensign1)} = ${formatRatio(r)} the baseline's ${formatNs(base1)}` });
  }

  const t2 = 'W1 at least 5× faster than the fastest peer';
  const peerTimes = PEERS.map((p) => ({ p, t: timeOf(rows, 'W1', p) })).filter((x): x is { p: string; t: number } => x.t !== undefined);
  const fastest = peerTimes.sort((a, b) => a.t - b.t)[0];
  if (ensign1 === undefined || fastest === undefined) out.push(absent(t2, { 'W1 ensign': ensign1, 'W1 peers': fastest?.t }));
  else {
    const r = fastest.t / ensign1;
    out.push({ target: t2, status: r >= 5 ? 'met' : 'not met', detail: `fastest peer ${fastest.p} ${formatNs(fastest.t)} is ${formatRatio(r)} Ensign's ${formatNs(ensign1)}` });
  }

  const t3 = 'W2 within 2× of the baseline';
  const ensign2 = timeOf(rows, 'W2', 'ensign');
  const base2 = timeOf(rows, 'W2', 'baseline');
  if (ensign2 === undefined || base2 === undefined) out.push(absent(t3, { 'W2 ensign': ensign2, 'W2 baseline': base2 }));
  else {
    const r = ensign2 / base2;
    out.push({ target: t3, status: r <= 2 ? 'met' : 'not met', detail: `Ensign ${formatNs(ensign2)} = ${formatRatio(r)} the baseline's ${formatNs(base2)}` });
  }

  const gb3 = timeOf(rows, 'W3', 'growthbook', bigFlags);
  for (const [subject, what] of [['ensign', 'plain datafile'], ['ensign-compact', 'compact encoding']] as const) {
    const t4 = `W3 (${what}) parse + validate + compile of ${bigFlags} flags faster than GrowthBook's init`;
    const ensign3 = timeOf(rows, 'W3', subject, bigFlags);
    if (ensign3 === undefined || gb3 === undefined) out.push(absent(t4, { [`W3 ${subject}`]: ensign3, 'W3 growthbook': gb3 }));
    else {
      out.push({
        target: t4,
        status: ensign3 < gb3 ? 'met' : 'not met',
        detail: `Ensign ${formatNs(ensign3)} vs GrowthBook ${formatNs(gb3)} (${formatRatio(ensign3 / gb3)})`,
      });
    }
  }
  return out;
}

/** The targets as report lines. */
export function formatTargets(checks: readonly TargetCheck[]): string {
  return checks.map((c) => `- [${c.status}] ${c.target}: ${c.detail}`).join('\n');
}
