// Slow (builds, packs and installs with npm; a few minutes): every published package as a user gets it. The tarballs
// `pnpm pack` makes are installed by npm into a fresh app; from there every entry loads with `import` and with
// `require` (the CommonJS build: Node runs without require(esm)), the same calls give the same results in both
// formats, tsc passes in ESM and CommonJS projects without and with `@types/node`, the source maps name shipped
// files, publint and attw report nothing, and a node-sdk user installs no zod.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedPackages } from '../../../scripts/package-manifest.mjs';
import { buildPackAndInstall, installClosure, installNodeTypes, type PackedApp } from '../src/app.js';
import { REPO_ROOT, run, runAllowingFailure, tscErrors } from '../src/run.js';

/** Per test: the machine may be shared and slow (tsc over every declaration file takes a while). */
const TIMEOUT = 900_000;

let packed: PackedApp;

beforeAll(() => {
  packed = buildPackAndInstall();
}, 1_800_000);

afterAll(() => {
  if (packed) rmSync(packed.root, { recursive: true, force: true });
}, 300_000);

interface Loaded {
  readonly names: readonly string[];
  readonly file: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}

const installedDir = (name: string) => join(packed.app, 'node_modules', ...name.split('/'));

describe('the packed packages, installed by npm into a fresh app', () => {
  it('packs every published package', () => {
    const published = publishedPackages(REPO_ROOT).map((p: { pkg: { name: string } }) => p.pkg.name).sort();
    expect([...packed.tarballs.keys()].sort()).toEqual(published);
    expect(packed.entries.code).toContain('@ensign/node-sdk');
    expect(packed.entries.json).toContain('@ensign/datafile-schema/examples/small.json');
  }, TIMEOUT);

  it('loads every entry with import (ESM build) and with require (CommonJS build, require(esm) off)', () => {
    const esm = JSON.parse(run(process.execPath, ['load.mjs'], join(packed.app, 'esm'))) as Record<string, Loaded>;
    // Node 20.19+ can require() ES modules; turning that off proves `require` never reaches an ES module.
    const noRequireEsm = process.allowedNodeEnvironmentFlags.has('--experimental-require-module') ? ['--no-experimental-require-module'] : [];
    const cjs = JSON.parse(run(process.execPath, [...noRequireEsm, 'load.cjs'], join(packed.app, 'cjs'))) as Record<string, Loaded>;
    for (const spec of packed.entries.code) {
      expect(esm[spec]?.names.length, spec).toBeGreaterThan(0);
      expect(cjs[spec]?.names, spec).toEqual(esm[spec]?.names);
      expect(esm[spec]?.file, spec).toMatch(/[/\\]dist[/\\](?!cjs[/\\]).+\.js$/);
      expect(cjs[spec]?.file, spec).toMatch(/[/\\]dist[/\\]cjs[/\\].+\.js$/);
    }
    for (const spec of packed.entries.json) {
      expect(cjs[spec]?.names.length, spec).toBeGreaterThan(0);
      expect(cjs[spec]?.names, spec).toEqual(esm[spec]?.names);
    }
  }, TIMEOUT);

  it('gives the same results in ESM and CommonJS: a decision, the JSON example parsed, a file read off-thread', () => {
    const esm = JSON.parse(run(process.execPath, ['smoke.mjs'], join(packed.app, 'esm'))) as Record<string, unknown>;
    const cjs = JSON.parse(run(process.execPath, ['smoke.cjs'], join(packed.app, 'cjs'))) as Record<string, unknown>;
    expect(esm).toMatchObject({ flagKey: 'checkout-redesign', enabled: true, parsedOk: true, zodParsed: true });
    expect(esm['readOffThread']).toEqual({ nested: { list: [1, 2, 3] } });
    expect(typeof esm['variationKey']).toBe('string');
    expect(cjs).toEqual(esm);
  }, TIMEOUT);

  it('runs the ensign command from the installed bin', () => {
    const version = run(join(packed.app, 'node_modules', '.bin', 'ensign'), ['--version'], packed.app);
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+/);
  }, TIMEOUT);

  it('ships LICENSE and README in every package, and every source a source map names', () => {
    for (const name of packed.tarballs.keys()) {
      const dir = installedDir(name);
      expect(readFileSync(join(dir, 'LICENSE'), 'utf8'), name).toContain('Apache License');
      expect(existsSync(join(dir, 'README.md')), name).toBe(true);
      const maps = walk(join(dir, 'dist')).filter((f) => f.endsWith('.map'));
      expect(maps.length, name).toBeGreaterThan(0);
      for (const mapFile of maps) {
        const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; sourceRoot?: string };
        for (const source of map.sources) {
          const file = resolve(dirname(mapFile), map.sourceRoot ?? '', source);
          expect(existsSync(file), `${mapFile} names ${source}`).toBe(true);
        }
      }
    }
  }, TIMEOUT);

  it('type-checks in ESM and CommonJS projects (module nodenext) without @types/node, then with it', () => {
    // Without Node's types, third-party declarations that need them (ioredis, zod's URL, OpenFeature's events) fail
    // on their own; what counts is that no error is in an @ensign declaration or in the app's code.
    const ours = (file: string) => !file.includes('node_modules') || file.includes('node_modules/@ensign/');
    expect(existsSync(join(packed.app, 'node_modules', '@types', 'node'))).toBe(false);
    for (const format of ['esm', 'cjs']) {
      const errors = tscErrors(join(packed.app, format, 'tsconfig.json')).filter((e) => ours(e.file));
      expect(errors.map((e) => e.text), `${format} without @types/node`).toEqual([]);
    }
    installNodeTypes(packed.app);
    for (const format of ['esm', 'cjs']) {
      const errors = tscErrors(join(packed.app, format, 'tsconfig.node.json'));
      expect(errors.map((e) => e.text), `${format} with @types/node`).toEqual([]);
    }
  }, TIMEOUT);

  it('publint reports nothing for any tarball (suggestions included)', async () => {
    for (const [name, file] of packed.tarballs) {
      const bytes = readFileSync(file);
      const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      const { messages, pkg } = await publint({ pack: { tarball }, level: 'suggestion', strict: true });
      expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`), name).toEqual([]);
    }
  }, TIMEOUT);

  it('attw (Are the types wrong?) reports nothing for any tarball', () => {
    const require = createRequire(import.meta.url);
    const cliDir = dirname(require.resolve('@arethetypeswrong/cli/package.json'));
    const bin = (JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')) as { bin: { attw: string } }).bin.attw;
    for (const [name, file] of packed.tarballs) {
      const result = runAllowingFailure(process.execPath, [join(cliDir, bin), file, '--format', 'json'], packed.root);
      // `problems` lists what attw found (an array, or an object keyed by kind, by version); empty when none.
      const { problems } = JSON.parse(result.stdout) as { problems?: unknown[] | Record<string, unknown> };
      const found = Array.isArray(problems) ? problems : Object.values(problems ?? {}).flat();
      expect(found, name).toEqual([]);
      expect(result.status, `${name}: ${result.stderr}`).toBe(0);
    }
  }, TIMEOUT);

  it('a node-sdk user installs no zod (an optional peer of datafile-schema, for its ./zod subpath only)', () => {
    const closure = installClosure(packed.app, '@ensign/node-sdk');
    expect(closure).toContain('@ensign/datafile-schema');
    expect(closure).not.toContain('zod');
  }, TIMEOUT);
});
