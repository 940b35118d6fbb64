// Locates the vendors' published test vectors, which live beside the repository (never copied into it).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** The vectors folder: `<repo>/../shared/vectors`. */
export const VECTORS_DIR = path.resolve(repoRoot, '..', 'shared', 'vectors');

/**
 * Reads a vector file as JSON, or throws a clear error naming the missing path (the test then fails loudly).
 */
export function readVector(relative: string): unknown {
  const file = path.join(VECTORS_DIR, relative);
  if (!existsSync(file)) {
    throw new Error(`Vendor test vectors not found at ${file}: the conformance suite needs ../shared/vectors beside the repository.`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}
