// The publishing fields of every package under packages/, derived from what a package states once:
//   - `exports`: each entry names its TypeScript source, in one line if you like:
//       "./testing": "./src/testing.ts"            or   "./testing": { "@ensign/source": "./src/testing.ts", ... }
//     and becomes the dual entry the build (scripts/build-package.mjs) produces:
//       "./testing": {
//         "@ensign/source": "./src/testing.ts",                                              (tests, tsx: first)
//         "import":  { "types": "./dist/testing.d.ts",     "default": "./dist/testing.js" },     (ESM)
//         "require": { "types": "./dist/cjs/testing.d.ts", "default": "./dist/cjs/testing.js" }, (CommonJS)
//         "default": { "types": "./dist/testing.d.ts",     "default": "./dist/testing.js" }
//       }
//     Entries that are plain files (`./package.json`, `./examples/*.json`) stay as they are.
//   - `main`/`types` (the CommonJS root entry) and `typesVersions` (subpath types for `moduleResolution: node10`);
//   - `files` (dist, src without tests for the source maps, LICENSE), `repository` with its `directory`, `homepage`,
//     `bugs`, `author`.
// Usage: node scripts/package-manifest.mjs          rewrites the package.json files that differ
//        node scripts/package-manifest.mjs --check  lists them and exits 1 (a test runs this)
// Adding a subpath: add `"./name": "./src/name.ts"` to the package's `exports`, then run this script.
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY = 'https://github.com/ensign-flags/ensign';
export const AUTHOR = 'Ensign contributors';

/** The source file an `exports` entry names, or undefined for a plain file entry. */
function sourceOf(target) {
  if (typeof target === 'string') return /^\.\/src\/.+\.ts$/.test(target) ? target : undefined;
  if (target && typeof target === 'object' && typeof target['@ensign/source'] === 'string') return target['@ensign/source'];
  return undefined;
}

/** `./src/a/b.ts` → `a/b` */
const stem = (source) => source.replace(/^\.\/src\//, '').replace(/\.ts$/, '');

function dualEntry(source) {
  const s = stem(source);
  const esm = { types: `./dist/${s}.d.ts`, default: `./dist/${s}.js` };
  return {
    '@ensign/source': source,
    import: esm,
    require: { types: `./dist/cjs/${s}.d.ts`, default: `./dist/cjs/${s}.js` },
    default: { ...esm },
  };
}

const ORDER = [
  'name', 'private', 'version', 'description', 'keywords', 'homepage', 'bugs', 'repository', 'license', 'author',
  'type', 'sideEffects', 'engines', 'exports', 'main', 'types', 'typesVersions', 'bin', 'files', 'scripts',
  'dependencies', 'peerDependencies', 'peerDependenciesMeta', 'devDependencies', 'publishConfig',
];

/** The package.json a published package should have, given its current one and its folder name. */
export function expectedManifest(pkg, folder, extraFiles = []) {
  const exports = {};
  const typesVersions = {};
  for (const [key, target] of Object.entries(pkg.exports ?? {})) {
    const source = sourceOf(target);
    exports[key] = source ? dualEntry(source) : target;
    if (source && key !== '.') typesVersions[key.replace(/^\.\//, '')] = [`./dist/cjs/${stem(source)}.d.ts`];
  }
  const root = exports['.'];
  const next = {
    ...pkg,
    homepage: `${REPOSITORY}/tree/main/packages/${folder}#readme`,
    bugs: { url: `${REPOSITORY}/issues` },
    repository: { type: 'git', url: `git+${REPOSITORY}.git`, directory: `packages/${folder}` },
    author: AUTHOR,
    exports,
    files: ['dist', 'src', '!src/**/*.test.ts', '!src/**/*.test-helpers.ts', ...extraFiles, 'README.md', 'CHANGELOG.md', 'LICENSE'],
  };
  delete next.typesVersions;
  if (root && typeof root === 'object' && root.require) {
    next.main = root.require.default;
    next.types = root.require.types;
  }
  if (Object.keys(typesVersions).length > 0) next.typesVersions = { '*': typesVersions };
  const ordered = {};
  for (const key of ORDER) if (key in next) ordered[key] = next[key];
  for (const key of Object.keys(next)) if (!(key in ordered)) ordered[key] = next[key];
  return ordered;
}

/** Folders shipped besides dist and src: the ones a package lists in `files` today that hold data (schema, examples). */
function dataFolders(pkg, dir) {
  const known = new Set(['dist', 'src', 'README.md', 'CHANGELOG.md', 'LICENSE']);
  return (pkg.files ?? []).filter((f) => !known.has(f) && !f.startsWith('!') && existsSync(join(dir, f)));
}

/** Every published package: `{ folder, dir, pkg, expected }`. */
export function publishedPackages(repoRoot) {
  const packagesDir = join(repoRoot, 'packages');
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(packagesDir, d.name, 'package.json')))
    .map((d) => {
      const dir = join(packagesDir, d.name);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { folder: d.name, dir, pkg, expected: expectedManifest(pkg, d.name, dataFolders(pkg, dir)) };
    })
    .filter(({ pkg }) => !pkg.private);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const repoRoot = join(fileURLToPath(import.meta.url), '..', '..');
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { dir, pkg, expected } of publishedPackages(repoRoot)) {
    const text = JSON.stringify(expected, null, 2) + '\n';
    if (JSON.stringify(pkg, null, 2) + '\n' === text) continue;
    stale += 1;
    if (check) console.error(`${dir}/package.json: run node scripts/package-manifest.mjs`);
    else writeFileSync(join(dir, 'package.json'), text);
  }
  if (check && stale > 0) process.exit(1);
  if (!check) console.log(stale === 0 ? 'every package.json is up to date' : `rewrote ${stale} package.json file(s)`);
}
