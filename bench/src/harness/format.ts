// Number formatting and markdown tables for the report.

/** A duration given in nanoseconds, in the most readable unit. */
export function formatNs(ns: number | undefined): string {
  if (ns === undefined || !Number.isFinite(ns)) return 'n/a';
  if (ns < 1_000) return `${ns.toFixed(0)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(2)} µs`;
  if (ns < 1_000_000_000) return `${(ns / 1_000_000).toFixed(1)} ms`;
  return `${(ns / 1_000_000_000).toFixed(2)} s`;
}

/** A ratio such as `3.20×`. */
export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return 'n/a';
  return ratio >= 100 ? `${ratio.toFixed(0)}×` : `${ratio.toFixed(2)}×`;
}

/** A byte count in MB (10^6), or n/a. */
export function formatMb(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return 'n/a';
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** A percentage with its sign, e.g. `+12%`. */
export function formatPercent(fraction: number | undefined): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return 'n/a';
  const pct = fraction * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(0)}%`;
}

/** An integer with thousands separators. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** The spread of samples as ±% of the median (half the interquartile-ish min-max range). */
export function formatSpread(samples: readonly number[] | undefined, median: number | undefined): string {
  if (!samples || samples.length < 2 || median === undefined || median === 0) return '';
  const spread = (Math.max(...samples) - Math.min(...samples)) / 2 / median;
  return `±${(spread * 100).toFixed(0)}%`;
}

/** A markdown table; cells are escaped for `|`. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => esc(r[c] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, c) => esc(cell).padEnd(widths[c] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
