// Checks every import of every source file under packages/*/src (and tests under packages/*/test)
// against the graph in graph.mjs. Returns a list of violations; it never throws on bad source.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { ALLOWED, ALLOWED_EXTERNAL, FOLDERS, NODE_ALLOWED, TEST_ALLOWED } from './graph.mjs';

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs|tsx)$/;
// static import/export ... from '...', bare import '...', dynamic import('...'), require('...')
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g;

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Lists the import specifiers of a source text, with their line numbers. */
export function importsOf(text) {
  const clean = stripComments(text);
  const found = [];
  for (const m of clean.matchAll(SPECIFIER)) {
    const line = clean.slice(0, m.index).split('\n').length;
    found.push({ specifier: m[2], line });
  }
  return found;
}

function packageOfSpecifier(spec) {
  const m = /^@ensign\/([^/]+)/.exec(spec);
  return m ? m[1] : null;
}

function externalName(spec) {
  if (spec.startsWith('@')) return spec.split('/').slice(0, 2).join('/');
  return spec.split('/')[0];
}

/** The folder path of `file` under `<pkgRoot>/src`, as segments, or null outside src. */
function srcSegments(pkgRoot, file) {
  const rel = relative(join(pkgRoot, 'src'), file);
  if (rel.startsWith('..')) return null;
  return rel.split(sep);
}

/** A message when a relative import inside `pkg`'s src breaks its folder rules (see FOLDERS), else null. */
function checkFolders(pkg, pkgRoot, file, target) {
  const rules = FOLDERS[pkg];
  if (!rules) return null;
  const from = srcSegments(pkgRoot, file);
  const to = srcSegments(pkgRoot, target);
  if (from === null || to === null || from.length < 2) return null; // files directly in src/ (index.ts) may import anything
  const fromTop = from[0];
  const toTop = to.length < 2 ? '(src root)' : to[0];
  const allowed = rules[fromTop];
  if (!allowed) return null;
  if (!allowed.includes(toTop) && toTop !== fromTop) return `"${pkg}/src/${fromTop}" may not import from "${toTop}" (allowed: ${allowed.join(', ')})`;
  if (toTop === fromTop && !allowed.includes(fromTop) && fromTop === 'faces' && from[1] !== to[1]) {
    return `a face may not import another face ("faces/${from[1]}" imports "faces/${to[1]}")`;
  }
  if (toTop === fromTop && fromTop !== 'faces' && !allowed.includes(fromTop)) return `"${pkg}/src/${fromTop}" may not import from itself through this path`;
  return null;
}

/**
 * Checks a repository root. Returns `[{ file, line, specifier, rule, message }]`.
 * Rules: `layer` (an import against the graph), `node` (node:* outside node-sdk and apps),
 * `escape` (a relative import that leaves its package), `folder` (a relative import against a package's folder rules), `external` (a third-party import the layer may not use).
 */
export function checkLayers(root) {
  const violations = [];
  const pkgsDir = join(root, 'packages');
  const pkgs = existsSync(pkgsDir) ? readdirSync(pkgsDir).filter((d) => statSync(join(pkgsDir, d)).isDirectory()) : [];
  for (const pkg of pkgs) {
    const pkgRoot = join(pkgsDir, pkg);
    const files = [...walk(join(pkgRoot, 'src')), ...walk(join(pkgRoot, 'test'))];
    const allowed = ALLOWED[pkg];
    if (!allowed) {
      violations.push({ file: relative(root, pkgRoot), line: 0, specifier: '', rule: 'layer', message: `package "${pkg}" is not in the layer graph (tools/layering/src/graph.mjs)` });
      continue;
    }
    for (const file of files) {
      const isTest = /\.(test|spec)\.[cm]?[jt]sx?$/.test(file) || file.includes(`${sep}test${sep}`);
      const rel = relative(root, file);
      for (const { specifier, line } of importsOf(readFileSync(file, 'utf8'))) {
        const at = { file: rel, line, specifier };
        if (specifier.startsWith('.')) {
          const target = resolve(dirname(file), specifier);
          if (!target.startsWith(pkgRoot + sep)) violations.push({ ...at, rule: 'escape', message: `relative import leaves package "${pkg}"` });
          else {
            const folderViolation = checkFolders(pkg, pkgRoot, file, target);
            if (folderViolation) violations.push({ ...at, rule: 'folder', message: folderViolation });
          }
          continue;
        }
        const target = packageOfSpecifier(specifier);
        if (target) {
          if (target !== pkg && !allowed.includes(target) && !(isTest && (TEST_ALLOWED[pkg] ?? []).includes(target))) {
            violations.push({ ...at, rule: 'layer', message: `"${pkg}" may not import "@ensign/${target}" (allowed: ${allowed.join(', ') || 'nothing'})` });
          }
          continue;
        }
        const isNode = specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0]);
        if (isNode) {
          // Tests outside src may read fixtures from disk; shipped source below node-sdk may not touch node:*.
          if (!NODE_ALLOWED.has(pkg) && !(isTest && !rel.includes(`${sep}src${sep}`))) {
            violations.push({ ...at, rule: 'node', message: `"${specifier}" is imported below node-sdk; cores get the world through ports` });
          }
          continue;
        }
        if (isTest) continue; // devDependencies (vitest, fast-check, vendor oracles) are for tests only
        const ext = ALLOWED_EXTERNAL[pkg] ?? [];
        if (!ext.includes('*') && !ext.includes(externalName(specifier))) {
          violations.push({ ...at, rule: 'external', message: `"${pkg}" may not import "${externalName(specifier)}"` });
        }
      }
    }
  }
  return violations;
}
