// Collecting warnings and fatal errors while an importer walks the vendor's input: every construct that cannot be
// expressed exactly becomes a warning with its JSON path, never a silent drop.
import type { ImportWarning } from '../result.js';

/** A growing list of warnings (and fatal errors) with JSON paths into the vendor's input. */
export interface Diagnostics {
  /** Records a construct that was imported approximately or left out. */
  warn(path: string, message: string): void;
  /** Records a fatal problem: the importer will answer `ok: false`. */
  fail(path: string, message: string): void;
  readonly warnings: readonly ImportWarning[];
  readonly errors: readonly ImportWarning[];
}

/**
 * Creates an empty diagnostics collector.
 *
 * @example
 * const d = createDiagnostics();
 * d.warn('featureFlags[0].variables[1]', 'variable type "map" is not supported');
 * d.warnings.length; // 1
 */
export function createDiagnostics(): Diagnostics {
  const warnings: ImportWarning[] = [];
  const errors: ImportWarning[] = [];
  return {
    warn: (path, message) => void warnings.push({ path, message }),
    fail: (path, message) => void errors.push({ path, message }),
    warnings,
    errors,
  };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Appends a field name to a JSON path: `.name` for identifiers, `["odd key"]` otherwise (the datafile parser's style).
 *
 * @example
 * field('features', 'new-checkout'); // 'features["new-checkout"]'
 * field('', 'rollouts'); // 'rollouts'
 */
export function field(path: string, name: string): string {
  if (IDENTIFIER.test(name)) return path === '' ? name : `${path}.${name}`;
  return `${path}[${JSON.stringify(name)}]`;
}

/**
 * Appends an index to a JSON path.
 *
 * @example
 * at('rules', 2); // 'rules[2]'
 */
export function at(path: string, index: number): string {
  return `${path}[${index}]`;
}
