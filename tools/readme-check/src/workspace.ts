// Writes the blocks' programs as files of a folder whose node_modules holds every workspace package, as a user's
// project would after installing them (the packages resolve through their `@ensign/source` condition, so no build).
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Program } from './extract.js';

export interface WrittenProgram extends Program {
  /** Absolute path of the written file. */
  path: string;
}

/** The workspace packages a block may import, by package name: `packages/*` and the flag server. */
export function workspacePackages(root: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const folder of ['packages', 'apps/flag-server']) {
    const dirs = folder === 'packages' ? readdirSync(join(root, folder)).map((d) => join(root, folder, d)) : [join(root, folder)];
    for (const dir of dirs) {
      const manifest = join(dir, 'package.json');
      if (!existsSync(manifest)) continue;
      found.set((JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name, dir);
    }
  }
  return found;
}

/** Empties `dir` (inside tools/readme-check, whose own node_modules holds the third-party packages READMEs use). */
export function writePrograms(root: string, dir: string, programs: Program[]): WrittenProgram[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules', '@ensign'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  for (const [name, path] of workspacePackages(root)) symlinkSync(path, join(dir, 'node_modules', name), 'dir');
  return programs.map((program) => {
    const { file, line, lang } = program.block;
    const name = `${file.replace(/[^A-Za-z0-9]+/g, '_')}_${line}.${lang === 'ts' ? 'ts' : 'mjs'}`;
    const path = join(dir, name);
    writeFileSync(path, program.source);
    return { ...program, path };
  });
}
