// Builds the package in the current directory into the dual layout its `exports` name (see sync-exports.mjs):
//   dist/**/*.js, *.d.ts       ESM (the package is `"type": "module"`), type-checked by tsc from tsconfig.build.json
//   dist/cjs/**/*.js, *.d.ts   CommonJS (dist/cjs/package.json says `"type": "commonjs"`), the same sources
//                              transpiled file by file with `module: CommonJS`, and the same declarations
// Source maps and declaration maps point at src/, which each package ships. Files in src/ that are not TypeScript
// (node-sdk's worker `.mjs`) are copied into both trees. `import.meta.url` becomes the CommonJS module's file URL.
// Usage (a package's `build` script): node ../../scripts/build-package.mjs
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';

const ts = createRequire(import.meta.url)('typescript');
const root = process.cwd();
const dist = join(root, 'dist');
const cjs = join(dist, 'cjs');
const toPosix = (p) => p.split(sep).join('/');

function fail(message) {
  console.error(message);
  process.exit(1);
}

function report(diagnostics) {
  if (diagnostics.length === 0) return;
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  fail(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}

// 1. ESM, declarations and maps: tsc with the package's tsconfig.build.json, type errors fail the build.
rmSync(dist, { recursive: true, force: true });
const configPath = join(root, 'tsconfig.build.json');
const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => report([d]) });
report(parsed.errors);
const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
report(ts.getPreEmitDiagnostics(program));
report(program.emit().diagnostics);

// 2. CommonJS: each source file on its own (the sources use `import type` for types, so nothing needs the checker).
/**
 * Replaces `import.meta.url` by `require("node:url").pathToFileURL(__filename).href`; any other `import.meta`, and a
 * top-level `await`, fail the build (CommonJS has neither).
 */
function importMetaToCommonJs(context) {
  const f = context.factory;
  return (sourceFile) => {
    const visit = (node, inFunction = false) => {
      if (!inFunction && (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier))) {
        fail(`${relative(root, sourceFile.fileName)}: top-level await has no CommonJS equivalent`);
      }
      if (ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node)) {
        return ts.visitEachChild(node, (child) => visit(child, true), context);
      }
      if (ts.isPropertyAccessExpression(node) && ts.isMetaProperty(node.expression) && node.name.text === 'url') {
        const requireUrl = f.createCallExpression(f.createIdentifier('require'), undefined, [f.createStringLiteral('node:url')]);
        const toUrl = f.createCallExpression(f.createPropertyAccessExpression(requireUrl, 'pathToFileURL'), undefined, [
          f.createIdentifier('__filename'),
        ]);
        return f.createPropertyAccessExpression(toUrl, 'href');
      }
      if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword) {
        fail(`${relative(root, sourceFile.fileName)}: only import.meta.url has a CommonJS equivalent`);
      }
      return ts.visitEachChild(node, (child) => visit(child, inFunction), context);
    };
    return ts.visitNode(sourceFile, (node) => visit(node));
  };
}

const srcDir = parsed.options.rootDir;
if (!srcDir) fail('tsconfig.build.json needs a rootDir');
for (const file of parsed.fileNames) {
  if (file.endsWith('.d.ts')) continue;
  const rel = relative(srcDir, file).replace(/\.ts$/, '.js');
  const outFile = join(cjs, rel);
  const out = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: {
      target: parsed.options.target,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      isolatedModules: true,
      verbatimModuleSyntax: false,
      sourceMap: true,
    },
    transformers: { before: [importMetaToCommonJs] },
  });
  report(out.diagnostics ?? []);
  const map = JSON.parse(out.sourceMapText);
  map.file = rel.split('/').pop();
  map.sources = [toPosix(relative(dirname(outFile), file))];
  delete map.sourceRoot;
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, out.outputText);
  writeFileSync(`${outFile}.map`, JSON.stringify(map));
}
writeFileSync(join(cjs, 'package.json'), JSON.stringify({ type: 'commonjs' }, null, 2) + '\n');

// 3. The declarations serve both trees: copy them, with their maps re-pointed at src/ from one folder deeper.
for (const file of walk(dist)) {
  if (file.startsWith(cjs + sep)) continue;
  const rel = relative(dist, file);
  if (file.endsWith('.d.ts')) {
    mkdirSync(dirname(join(cjs, rel)), { recursive: true });
    cpSync(file, join(cjs, rel));
  } else if (file.endsWith('.d.ts.map')) {
    const map = JSON.parse(readFileSync(file, 'utf8'));
    map.sources = map.sources.map((s) => toPosix(relative(dirname(join(cjs, rel)), join(dirname(file), s))));
    writeFileSync(join(cjs, rel), JSON.stringify(map));
  }
}

// 4. Non-TypeScript files of src/ (e.g. a worker `.mjs`, loaded by URL next to the module that starts it).
for (const file of walk(srcDir)) {
  if (file.endsWith('.ts')) continue;
  const rel = relative(srcDir, file);
  for (const tree of [dist, cjs]) {
    mkdirSync(dirname(join(tree, rel)), { recursive: true });
    cpSync(file, join(tree, rel));
  }
}
