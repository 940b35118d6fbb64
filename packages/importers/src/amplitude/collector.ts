// Warnings with JSON paths into the flag configs (`[3].segments[1].conditions[0][2]`), collected while importing.
import type { ImportWarning } from '../result.js';

/** Collects warnings. */
export interface Collector {
  readonly warnings: ImportWarning[];
  warn(path: string, message: string): void;
}

/** A fresh collector. */
export function createCollector(): Collector {
  const warnings: ImportWarning[] = [];
  return { warnings, warn: (path, message) => void warnings.push({ path, message }) };
}

/** A plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number. */
export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
