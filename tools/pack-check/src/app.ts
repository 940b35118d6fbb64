// Builds every published package, packs it as it would be published (`pnpm pack` rewrites `workspace:^`), and
// installs the tarballs with npm into a fresh app in a temporary folder, laid out for consumer.ts's checks.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LOAD_CJS,
  LOAD_ESM,
  NODE_USAGE_TS,
  SMOKE_CJS,
  SMOKE_ESM,
  allEntriesTs,
  tsconfig,
  usageTs,
  type Entries,
} from './consumer.js';
import { REPO_ROOT, pnpm, run } from './run.js';

export interface PackedApp {
  /** The temporary folder: tgz/ holds the tarballs, app/ the consumer app. */
  readonly root: string;
  readonly app: string;
  /** Tarball file per package name. */
  readonly tarballs: ReadonlyMap<string, string>;
  readonly entries: Entries;
}

const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

/** `@ensign/x` → `ensign-x-<version>.tgz` as pnpm names it. */
function tarballsIn(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(dir)) {
    const match = /^ensign-(.+)-\d+\.\d+\.\d+(?:-[\w.]+)?\.tgz$/.exec(file);
    if (match) out.set(`@ensign/${match[1]}`, join(dir, file));
  }
  return out;
}

/** The code entries (an `exports` object) and JSON files (`*.json` targets, patterns expanded) of the installed packages. */
function entriesOf(app: string, names: readonly string[]): Entries {
  const code: string[] = [];
  const json: string[] = [];
  for (const name of names) {
    const dir = join(app, 'node_modules', ...name.split('/'));
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    for (const [key, target] of Object.entries(pkg.exports)) {
      if (key === './package.json') continue;
      const spec = `${name}${key.slice(1)}`;
      if (typeof target === 'object' && target !== null) code.push(spec);
      else if (typeof target === 'string' && key.includes('*')) {
        const [before, after] = key.slice(2).split('*') as [string, string];
        const folder = before.slice(0, before.lastIndexOf('/') + 1);
        for (const file of readdirSync(join(dir, folder))) {
          const rel = `${folder}${file}`;
          if (rel.startsWith(before) && rel.endsWith(after)) json.push(`${name}/${rel}`);
        }
      } else if (typeof target === 'string' && target.endsWith('.json')) json.push(spec);
    }
  }
  return { code, json };
}

/**
 * Builds (turbo, cached when nothing changed), packs and installs. The app depends on every tarball and on zod (the
 * optional peer the `./zod` subpath needs); npm installs the other peers (OpenFeature, OpenTelemetry) itself.
 */
export function buildPackAndInstall(): PackedApp {
  pnpm(['exec', 'turbo', 'run', 'build', '--filter=./packages/*', '--output-logs=errors-only']);
  const root = mkdtempSync(join(tmpdir(), 'ensign-pack-check-'));
  const tgz = join(root, 'tgz');
  mkdirSync(tgz);
  pnpm(['-r', '--filter=./packages/*', 'pack', '--pack-destination', tgz]);
  const tarballs = tarballsIn(tgz);
  const app = join(root, 'app');
  mkdirSync(app);
  const zodRange = (JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'datafile-schema', 'package.json'), 'utf8')) as {
    peerDependencies: Record<string, string>;
  }).peerDependencies['zod'];
  const dependencies = Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`]));
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'ensign-consumer', private: true, version: '1.0.0', dependencies: { ...dependencies, zod: zodRange } }, null, 2),
  );
  run('npm', ['install', ...NPM_FLAGS], app);
  const entries = entriesOf(app, [...tarballs.keys()]);
  writeFileSync(join(app, 'entries.json'), JSON.stringify(entries));
  for (const format of ['esm', 'cjs'] as const) {
    const dir = join(app, format);
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: format === 'esm' ? 'module' : 'commonjs' }));
    writeFileSync(join(dir, format === 'esm' ? 'load.mjs' : 'load.cjs'), format === 'esm' ? LOAD_ESM : LOAD_CJS);
    writeFileSync(join(dir, format === 'esm' ? 'smoke.mjs' : 'smoke.cjs'), format === 'esm' ? SMOKE_ESM : SMOKE_CJS);
    writeFileSync(join(dir, 'all.ts'), allEntriesTs(entries));
    writeFileSync(join(dir, 'usage.ts'), usageTs(format));
    writeFileSync(join(dir, 'node-usage.ts'), NODE_USAGE_TS);
    writeFileSync(join(dir, 'tsconfig.json'), tsconfig(false));
    writeFileSync(join(dir, 'tsconfig.node.json'), tsconfig(true));
  }
  return { root, app, tarballs, entries };
}

/** Adds `@types/node` to the app (after the checks that must run without it). */
export function installNodeTypes(app: string): void {
  const range = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> })
    .devDependencies['@types/node'];
  run('npm', ['install', '--no-save', ...NPM_FLAGS, `@types/node@${range}`], app);
}

/** The names of every package npm installed for `name` (its dependencies and required peers, transitively). */
export function installClosure(app: string, name: string): Set<string> {
  const seen = new Set<string>();
  const visit = (pkgName: string) => {
    if (seen.has(pkgName)) return;
    seen.add(pkgName);
    const file = join(app, 'node_modules', ...pkgName.split('/'), 'package.json');
    if (!existsSync(file)) return; // installed nested under its dependent: its name is what counts here
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep);
    for (const peer of Object.keys(manifest.peerDependencies ?? {})) {
      if (!manifest.peerDependenciesMeta?.[peer]?.optional) visit(peer);
    }
  };
  visit(name);
  return seen;
}
