// The pricing experiment's results, read from the flag server's results endpoint and drawn as one bar per variation
// (the conversion rate) with its 95 % interval as a whisker.
import { escapeHtml } from './html.js';

/** One conversion metric of a variation. */
export interface ConversionStats {
  users: number;
  rate: number;
  interval: [number, number];
}

/** The answer of `GET {server}/v1/experiments/{flagKey}/results`. */
export interface ExperimentResults {
  flagKey: string;
  environment: string;
  variations: Array<{ variationKey: string; exposures: number; conversions: Record<string, ConversionStats> }>;
}

/** What {@link fetchResults} found. */
export type ResultsAnswer = { ok: true; results: ExperimentResults } | { ok: false; message: string };

/**
 * Fetches an experiment's results from the flag server, with the SDK key as `Authorization`. Never rejects: a server
 * that is down, slow (3 s), refuses the key or answers another shape gives `{ ok: false, message }`.
 *
 * @example
 * const answer = await fetchResults('http://127.0.0.1:8787', sdkKey, 'pricing-experiment');
 */
export async function fetchResults(serverUrl: string, sdkKey: string, flagKey: string, timeoutMs = 3_000): Promise<ResultsAnswer> {
  const url = `${serverUrl.replace(/\/+$/, '')}/v1/experiments/${encodeURIComponent(flagKey)}/results`;
  try {
    const response = await fetch(url, { headers: { authorization: sdkKey, accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return { ok: false, message: `the flag server answered ${response.status} for ${url}` };
    const results = parseResults(await response.json());
    return results === null ? { ok: false, message: `the flag server's answer for ${url} is not an experiment result` } : { ok: true, results };
  } catch (error) {
    return { ok: false, message: `the flag server at ${serverUrl} could not be reached (${error instanceof Error ? error.message : String(error)})` };
  }
}

/**
 * Checks the shape of a results document; `null` when it is not one.
 *
 * @example
 * parseResults({ flagKey: 'f', environment: 'e', variations: [] }); // { flagKey: 'f', environment: 'e', variations: [] }
 */
export function parseResults(json: unknown): ExperimentResults | null {
  if (!isObject(json) || typeof json['flagKey'] !== 'string' || typeof json['environment'] !== 'string' || !Array.isArray(json['variations'])) return null;
  const variations: ExperimentResults['variations'] = [];
  for (const v of json['variations'] as unknown[]) {
    if (!isObject(v) || typeof v['variationKey'] !== 'string' || !isCount(v['exposures']) || !isObject(v['conversions'])) return null;
    const conversions: Record<string, ConversionStats> = Object.create(null);
    for (const [eventKey, c] of Object.entries(v['conversions'])) {
      if (!isObject(c) || !isCount(c['users']) || !isRate(c['rate']) || !Array.isArray(c['interval'])) return null;
      const [low, high] = c['interval'] as unknown[];
      if (!isRate(low) || !isRate(high) || low > high) return null;
      conversions[eventKey] = { users: c['users'], rate: c['rate'], interval: [low, high] };
    }
    variations.push({ variationKey: v['variationKey'], exposures: v['exposures'], conversions });
  }
  return { flagKey: json['flagKey'], environment: json['environment'], variations };
}

const WIDTH = 640;
const ROW = 64;
const LEFT = 150;
const RIGHT = 40;

/**
 * Draws the conversion rate of `eventKey` per variation as horizontal bars with interval whiskers, on a 0..max axis.
 *
 * @example
 * renderResultsSvg(results, 'purchase'); // '<svg ...><rect data-variation="standard" .../>...</svg>'
 */
export function renderResultsSvg(results: ExperimentResults, eventKey: string): string {
  const rows = results.variations.map((v) => ({ key: v.variationKey, exposures: v.exposures, stats: v.conversions[eventKey] ?? null }));
  const top = Math.max(0.05, ...rows.map((r) => r.stats?.interval[1] ?? 0));
  const axisMax = Math.min(1, Math.ceil(top * 20) / 20); // round up to 5 %
  const plot = WIDTH - LEFT - RIGHT;
  const x = (rate: number) => LEFT + (Math.min(rate, axisMax) / axisMax) * plot;
  const height = 40 + rows.length * ROW + 30;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeHtml(`Conversion rate of ${eventKey} per variation`)}" data-testid="results-chart">`,
    `<text x="${LEFT}" y="20" class="axis-title">${escapeHtml(`${eventKey} conversion rate, 95 % interval`)}</text>`,
  ];
  for (let tick = 0; tick <= 4; tick++) {
    const rate = (axisMax * tick) / 4;
    const tx = x(rate).toFixed(1);
    parts.push(`<line x1="${tx}" x2="${tx}" y1="32" y2="${height - 26}" class="grid"/>`, `<text x="${tx}" y="${height - 10}" text-anchor="middle" class="tick">${(rate * 100).toFixed(1)}%</text>`);
  }
  rows.forEach((row, i) => {
    const y = 40 + i * ROW;
    const label = `${row.key}`;
    parts.push(`<text x="${LEFT - 10}" y="${y + 22}" text-anchor="end" class="label">${escapeHtml(label)}</text>`);
    parts.push(`<text x="${LEFT - 10}" y="${y + 40}" text-anchor="end" class="sub">${escapeHtml(`${row.stats?.users ?? 0} of ${row.exposures} users`)}</text>`);
    if (row.stats === null) {
      parts.push(`<text x="${LEFT + 6}" y="${y + 30}" class="sub">no ${escapeHtml(eventKey)} events yet</text>`);
      return;
    }
    const width = Math.max(1, x(row.stats.rate) - LEFT);
    const [low, high] = row.stats.interval;
    parts.push(
      `<rect x="${LEFT}" y="${y + 8}" width="${width.toFixed(1)}" height="36" rx="4" class="bar bar-${i % 4}" data-variation="${escapeHtml(row.key)}" data-rate="${row.stats.rate}"><title>${escapeHtml(`${row.key}: ${(row.stats.rate * 100).toFixed(2)}% (${(low * 100).toFixed(2)}–${(high * 100).toFixed(2)}%)`)}</title></rect>`,
      `<line x1="${x(low).toFixed(1)}" x2="${x(high).toFixed(1)}" y1="${y + 26}" y2="${y + 26}" class="whisker" data-interval="${escapeHtml(row.key)}"/>`,
      `<line x1="${x(low).toFixed(1)}" x2="${x(low).toFixed(1)}" y1="${y + 16}" y2="${y + 36}" class="whisker"/>`,
      `<line x1="${x(high).toFixed(1)}" x2="${x(high).toFixed(1)}" y1="${y + 16}" y2="${y + 36}" class="whisker"/>`,
      `<text x="${(x(high) + 6).toFixed(1)}" y="${y + 30}" class="value">${(row.stats.rate * 100).toFixed(1)}%</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isRate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}
