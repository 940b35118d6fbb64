// Warnings with JSON paths into the vendor's input, collected while importing.
import type { ImportWarning } from '../result.js';

/** Collects warnings; `at` builds paths in the importer's notation (`flags.my-flag.rules[0]`, `flags["a.b"]`). */
export interface Collector {
  readonly warnings: ImportWarning[];
  warn(path: string, message: string): void;
}

/** A fresh collector. */
export function createCollector(): Collector {
  const warnings: ImportWarning[] = [];
  return { warnings, warn: (path, message) => void warnings.push({ path, message }) };
}

/** `base` followed by a map key: `.key` when the key is plain, else `["key"]`. */
export function keyPath(base: string, key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/** A plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number. */
export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
