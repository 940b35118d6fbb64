// Fast checks of what every published package.json and the repository ship (the slow test packs and installs them).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedManifest, publishedPackages } from '../../../scripts/package-manifest.mjs';
import { REPO_ROOT, runAllowingFailure } from '../src/run.js';

interface Manifest {
  name: string;
  exports: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  files: string[];
  repository: { url: string; directory: string };
  keywords?: string[];
}

const packages = publishedPackages(REPO_ROOT) as { folder: string; dir: string; pkg: Manifest; expected: Manifest }[];

describe('published package.json files', () => {
  it('are what scripts/package-manifest.mjs derives (run it after adding a subpath)', () => {
    expect(packages.length).toBeGreaterThan(10);
    for (const { folder, pkg, expected } of packages) expect(pkg, folder).toEqual(expected);
  });

  it('turn a one-line subpath into import, require and default entries, with types for each', () => {
    const pkg = { name: '@ensign/x', exports: { '.': './src/index.ts', './extra': './src/extra/index.ts', './package.json': './package.json' } };
    const out = expectedManifest(pkg, 'x') as unknown as Manifest & { main: string; types: string; typesVersions: unknown };
    expect(out.exports['./extra']).toEqual({
      '@ensign/source': './src/extra/index.ts',
      import: { types: './dist/extra/index.d.ts', default: './dist/extra/index.js' },
      require: { types: './dist/cjs/extra/index.d.ts', default: './dist/cjs/extra/index.js' },
      default: { types: './dist/extra/index.d.ts', default: './dist/extra/index.js' },
    });
    expect(Object.keys(out.exports['.'] as object)[0]).toBe('@ensign/source');
    expect(out.exports['./package.json']).toBe('./package.json');
    expect([out.main, out.types]).toEqual(['./dist/cjs/index.js', './dist/cjs/index.d.ts']);
    expect(out.typesVersions).toEqual({ '*': { extra: ['./dist/cjs/extra/index.d.ts'] } });
    expect(out.repository).toEqual({ type: 'git', url: 'git+https://github.com/ensign-flags/ensign.git', directory: 'packages/x' });
  });

  it('name their repository folder, have keywords and ship LICENSE', () => {
    for (const { folder, pkg } of packages) {
      expect(pkg.repository.directory, folder).toBe(`packages/${folder}`);
      expect(pkg.keywords?.length, folder).toBeGreaterThan(0);
      expect(pkg.files, folder).toContain('LICENSE');
    }
  });

  it('keep zod out of the datafile-schema dependencies: an optional peer for the ./zod subpath', () => {
    const schema = packages.find((p) => p.folder === 'datafile-schema')!.pkg;
    expect(schema.dependencies?.['zod']).toBeUndefined();
    expect(schema.peerDependencies?.['zod']).toBeDefined();
    expect(schema.peerDependenciesMeta?.['zod']?.optional).toBe(true);
    for (const { folder, pkg } of packages) expect(pkg.dependencies?.['zod'], folder).toBeUndefined();
  });
});

describe('licence and npm configuration', () => {
  const license = readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8');

  it('the root LICENSE is the full Apache-2.0 text, copied into every published package', () => {
    expect(license).toContain('Apache License\n                           Version 2.0, January 2004');
    expect(license).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
    expect(license).toContain('END OF TERMS AND CONDITIONS');
    for (const { folder, dir } of packages) expect(readFileSync(join(dir, 'LICENSE'), 'utf8'), folder).toBe(license);
  });

  it('npm reads the repository configuration without a warning (no pnpm-only setting in an .npmrc)', () => {
    const folders = ['.', ...['packages', 'apps', 'tools'].flatMap((d) => readdirSync(join(REPO_ROOT, d)).map((f) => `${d}/${f}`)), 'bench'];
    for (const folder of folders.filter((f) => existsSync(join(REPO_ROOT, f, '.npmrc')))) {
      const result = runAllowingFailure('npm', ['config', 'list'], join(REPO_ROOT, folder), 60_000);
      expect(result.stderr, folder).not.toMatch(/warn/i);
    }
    const root = runAllowingFailure('npm', ['config', 'get', 'registry'], REPO_ROOT, 60_000);
    expect(root.status).toBe(0);
    expect(root.stderr).not.toMatch(/unknown (project|user|env) config/i);
  });
});
