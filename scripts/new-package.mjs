// Scaffolds a workspace package with the house conventions (ESM and CommonJS builds, exports map with a source
// condition, LICENSE, README). Usage: node scripts/new-package.mjs <name> "<description>" [dep ...]
import { copyFileSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { expectedManifest } from './package-manifest.mjs';

const [name, description, ...deps] = process.argv.slice(2);
if (!name || !description) {
  console.error('usage: node scripts/new-package.mjs <name> "<description>" [dep ...]');
  process.exit(2);
}
const dir = join('packages', name);
if (existsSync(dir)) {
  console.error(`${dir} exists`);
  process.exit(2);
}
mkdirSync(join(dir, 'src'), { recursive: true });
const pkg = {
  name: `@ensign/${name}`,
  version: '0.0.0',
  description,
  license: 'Apache-2.0',
  type: 'module',
  sideEffects: false,
  engines: { node: '>=20' },
  keywords: ['feature-flags', 'ensign'],
  exports: { '.': './src/index.ts', './package.json': './package.json' },
  scripts: {
    build: 'node ../../scripts/build-package.mjs',
    typecheck: 'tsc -p tsconfig.json --noEmit',
    test: 'vitest run --root ../.. --project ' + name,
  },
  dependencies: Object.fromEntries(deps.map((d) => [d, d.startsWith('@ensign/') ? 'workspace:^' : '*'])),
  publishConfig: { access: 'public' },
};
writeFileSync(join(dir, 'package.json'), JSON.stringify(expectedManifest(pkg, name), null, 2) + '\n');
copyFileSync('LICENSE', join(dir, 'LICENSE'));
writeFileSync(
  join(dir, 'tsconfig.json'),
  JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { noEmit: true }, include: ['src', 'test'] }, null, 2) + '\n',
);
writeFileSync(
  join(dir, 'tsconfig.build.json'),
  JSON.stringify(
    {
      extends: '../../tsconfig.base.json',
      compilerOptions: { rootDir: 'src', outDir: 'dist', customConditions: [], noEmit: false },
      include: ['src'],
      exclude: ['src/**/*.test.ts'],
    },
    null,
    2,
  ) + '\n',
);
writeFileSync(join(dir, 'src', 'index.ts'), `// Public entry of @ensign/${name}: each export is named.\nexport {};\n`);
writeFileSync(join(dir, 'README.md'), `# @ensign/${name}\n\n${description}\n`);
console.log(`created ${dir}`);
