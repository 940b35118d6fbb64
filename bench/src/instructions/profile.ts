// Where the instructions go, per function, for code V8 generated at run time. `callgrind_annotate` names native
// functions (V8's builtins, GC, the runtime) but shows JIT-compiled JavaScript as bare addresses; Node's
// `--perf-basic-prof` writes `/tmp/perf-<pid>.map` (start, size, name of every code object), which names them.
// `bench:instructions -- --profile` runs each row with it and prints, per call, the functions whose self cost grew
// between the runs with 0 and N calls: start-up and warm-up cancel out, as in the totals.
import { readFileSync } from 'node:fs';

type Symbols = (address: number) => string | undefined;

/** A lookup in a perf map file (lines `start size name`, hex). */
export function perfMap(text: string): Symbols {
  const entries: [number, number, string][] = [];
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line);
    if (m !== null) entries.push([parseInt(m[1] as string, 16), parseInt(m[2] as string, 16), m[3] as string]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  return (address) => {
    let lo = 0;
    let hi = entries.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((entries[mid] as [number, number, string])[0] <= address) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const e = entries[best];
    return e !== undefined && address < e[0] + e[1] ? e[2] : undefined;
  };
}

/** Self instructions per function name of a callgrind output file (JIT addresses named by `symbols`). */
export function selfCosts(text: string, symbols: Symbols): Map<string, number> {
  const names = new Map<string, string>();
  const self = new Map<string, number>();
  let fn: string | null = null;
  let skipNext = false;
  for (const line of text.split('\n')) {
    let m = /^fn=\((\d+)\)(?: (.*))?$/.exec(line);
    if (m !== null) {
      if (m[2] !== undefined) names.set(m[1] as string, m[2]);
      fn = m[1] as string;
      continue;
    }
    m = /^cfn=\((\d+)\) (.*)$/.exec(line);
    if (m !== null) {
      names.set(m[1] as string, m[2] as string);
      continue;
    }
    if (line.startsWith('calls=')) {
      skipNext = true; // the next cost line is the call's inclusive cost
      continue;
    }
    if (!/^[+-]?\d|^\*/.test(line)) continue;
    if (skipNext) {
      skipNext = false;
      continue;
    }
    const parts = line.trim().split(/\s+/);
    if (fn === null || parts.length < 2) continue;
    self.set(fn, (self.get(fn) ?? 0) + Number(parts[parts.length - 1]));
  }
  const out = new Map<string, number>();
  for (const [id, cost] of self) {
    let name = names.get(id) ?? id;
    const address = /^0x([0-9a-f]+)/.exec(name);
    if (address !== null) name = symbols(parseInt(address[1] as string, 16)) ?? 'JIT code (unnamed)';
    name = name.replace(/file:\/\/\S*neutral-child\.mjs/, 'child');
    out.set(name, (out.get(name) ?? 0) + cost);
  }
  return out;
}

/** Reads a callgrind output and the perf map of its process. */
export function readProfile(outFile: string, pid: number): Map<string, number> {
  let symbols: Symbols = () => undefined;
  try {
    symbols = perfMap(readFileSync(`/tmp/perf-${pid}.map`, 'utf8'));
  } catch {
    // no map: JIT code stays unnamed
  }
  return selfCosts(readFileSync(outFile, 'utf8'), symbols);
}

/** The top `n` functions by (cost with N calls − cost with 0 calls) / N, as lines. */
export function profileLines(zero: Map<string, number>, full: Map<string, number>, calls: number, n = 25): string[] {
  const names = new Set([...zero.keys(), ...full.keys()]);
  const rows = [...names].map((name) => [name, ((full.get(name) ?? 0) - (zero.get(name) ?? 0)) / calls] as const);
  rows.sort((a, b) => b[1] - a[1]);
  return rows.slice(0, n).map(([name, perCall]) => `${perCall.toFixed(0).padStart(7)}  ${name.slice(0, 110)}`);
}

/**
 * Instructions per call that V8's optimizing compiler (TurboFan, the `v8::internal::compiler::` functions) ran inside
 * the measured part: (its self cost with N calls − with 0 calls) / N. A steady-state measurement has none; a warm-up
 * too short for a row leaves its compilation in the count (W2 until 2026-12-06: about 44 000 per call).
 */
export function compilingPerCall(zero: ReadonlyMap<string, number>, full: ReadonlyMap<string, number>, calls: number): number {
  const sum = (costs: ReadonlyMap<string, number>) => {
    let total = 0;
    for (const [name, cost] of costs) if (name.startsWith('v8::internal::compiler::')) total += cost;
    return total;
  };
  return calls > 0 ? (sum(full) - sum(zero)) / calls : 0;
}
