// Finds and reads the vendors' test vectors. They live outside the repository, in `../shared/vectors` next to the
// repo root (each folder has its SOURCE and LICENSE); they are never copied into the project. When a folder or file
// is missing, the conformance suites fail with a message naming the path: they never skip.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root: the nearest folder above this file holding `pnpm-workspace.yaml`. */
export function findRepoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${from}: cannot locate the repository root`);
    dir = parent;
  }
}

/** `<repo root>/../shared/vectors`. */
export const VECTORS_DIR = resolve(findRepoRoot(), '..', 'shared', 'vectors');

/** A vector file read and parsed, or why it could not be. */
export type VectorFile = { ok: true; path: string; data: unknown } | { ok: false; path: string; message: string };

/** Reads `<VECTORS_DIR>/<relativePath>` as JSON; never throws. */
export function readVectorFile(relativePath: string): VectorFile {
  const path = join(VECTORS_DIR, relativePath);
  if (!existsSync(VECTORS_DIR)) {
    const message = `vendor vectors folder is missing: ${VECTORS_DIR} (expected ../shared/vectors next to the repo root)`;
    return { ok: false, path, message };
  }
  if (!existsSync(path)) return { ok: false, path, message: `vendor vector file is missing: ${path}` };
  try {
    return { ok: true, path, data: JSON.parse(readFileSync(path, 'utf8')) as unknown };
  } catch (e) {
    return { ok: false, path, message: `vendor vector file ${path} is not valid JSON: ${(e as Error).message}` };
  }
}

/** Throws (failing the calling test) with the file's message when it could not be read. */
export function assertReadable(file: VectorFile): asserts file is Extract<VectorFile, { ok: true }> {
  if (!file.ok) throw new Error(file.message);
}

/** `data[key]` when `data` is an object holding an array there, else `null`. */
export function arrayAt(data: unknown, key: string): unknown[] | null {
  if (data === null || typeof data !== 'object') return null;
  const value = (data as Record<string, unknown>)[key];
  return Array.isArray(value) ? value : null;
}
