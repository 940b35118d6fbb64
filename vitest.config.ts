import { readdirSync, existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Tests run against TypeScript sources through the `@ensign/source` export condition, so no build is needed.
// No `module` condition: it names bundler-only builds (OpenTelemetry's ESM build has extensionless imports that Node
// cannot load), and Node never uses it.
const conditions = ['@ensign/source', 'import', 'node', 'default'];

function projectsIn(folder: string) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(`${folder}/${d.name}/package.json`))
    .map((d) => ({
      extends: true as const,
      test: {
        name: d.name,
        root: `${folder}/${d.name}`,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      },
    }));
}

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    projects: [
      ...projectsIn('packages'),
      ...projectsIn('apps'),
      ...projectsIn('tools'),
      // The benchmark harness's smoke tests (tiny iteration counts; the benchmarks themselves run with `pnpm bench`).
      { extends: true as const, test: { name: 'bench', root: 'bench', include: ['test/**/*.test.ts'] } },
    ],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
