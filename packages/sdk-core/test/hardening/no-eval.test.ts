// SECURITY.md promises no eval: no package's source evaluates code from a string, nor starts a worker from one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packages = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const FORBIDDEN = /\beval\s*\(|\bnew\s+Function\s*\(|(?<![\w.])Function\s*\(\s*['"`]|\beval\s*:\s*true|\bvm\.(?:runIn|compileFunction|Script)|from\s+['"]node:vm['"]|setTimeout\s*\(\s*['"`]/;

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) sources(full, out);
    else if (/\.(ts|mts|mjs|js)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(full);
  }
  return out;
}

describe('no eval in any package', () => {
  const files = readdirSync(packages).flatMap((p) => {
    const src = join(packages, p, 'src');
    try {
      return statSync(src).isDirectory() ? sources(src) : [];
    } catch {
      return [];
    }
  });

  it('finds the sources to check', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.endsWith('json-parse-worker.mjs'))).toBe(true);
  });

  it('finds no eval, new Function, vm or string-started worker', () => {
    const offenders = files.filter((f) => FORBIDDEN.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('would catch one (the check can fail)', () => {
    expect(FORBIDDEN.test('const f = new Function("return 1")')).toBe(true);
    expect(FORBIDDEN.test("new Worker(code, { eval: true })")).toBe(true);
  });
});
