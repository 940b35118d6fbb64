import { readdirSync, existsSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';

// Tests run against TypeScript sources through the `@ensign/source` export condition, so no build is needed.
// No `module` condition: it names bundler-only builds (OpenTelemetry's ESM build has extensionless imports that Node
// cannot load), and Node never uses it.
const conditions = ['@ensign/source', 'import', 'node', 'default'];

/**
 * The slow tests: `npm test` leaves them out and `pnpm test:slow` runs only them (CI runs both; `ENSIGN_TESTS=fast`
 * or `slow` selects, unset runs everything, as `vitest run --project <name>` does for a developer). The rule: any
 * file named `*.slow.test.ts`, and the folders below, whose tests run vendor SDKs, real servers and processes, a
 * browser, a build, or documents of tens of megabytes. Paths are from the repository root.
 */
export const SLOW_TESTS = [
  '**/*.slow.test.ts',
  'packages/importers/test/**/*.test.ts', // differential tests: each vendor's SDK beside Ensign on generated input
  'apps/flag-server/test/sdk/**/*.test.ts', // the SDK against a real flag server, child processes
  'apps/flag-server/test/fleet/**/*.test.ts', // several servers on Redis and NATS JetStream, killed and restarted
  'apps/example/test/**/*.test.ts', // the shop in Chromium
  'packages/cli/test/**/*.test.ts', // the built `ensign` binary (built by turbo first)
  'packages/node-sdk/test/big-datafiles.test.ts', // 50 MB and 100 000-level datafiles
  'bench/test/**/*.test.ts', // the benchmark harness's smoke tests (the benchmarks themselves: `pnpm bench`)
];

const selection = process.env.ENSIGN_TESTS; // 'fast' | 'slow' | undefined (all)
if (selection !== undefined && selection !== 'fast' && selection !== 'slow') {
  throw new Error(`ENSIGN_TESTS must be "fast" or "slow" (or unset for every test), not "${selection}"`);
}

/** The slow patterns that apply inside a project's root, relative to it. */
function slowIn(root: string): string[] {
  return SLOW_TESTS.flatMap((p) => (p.startsWith('**/') ? [p] : p.startsWith(`${root}/`) ? [p.slice(root.length + 1)] : []));
}

function project(name: string, root: string, include: string[]) {
  const slow = slowIn(root);
  return {
    extends: true as const,
    test: {
      name,
      root,
      include: selection === 'slow' ? slow : include,
      exclude: selection === 'fast' ? [...configDefaults.exclude, ...slow] : configDefaults.exclude,
    },
  };
}

function projectsIn(folder: string) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(`${folder}/${d.name}/package.json`))
    .map((d) => project(d.name, `${folder}/${d.name}`, ['src/**/*.test.ts', 'test/**/*.test.ts']));
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
      project('bench', 'bench', ['test/**/*.test.ts']),
    ],
    passWithNoTests: selection !== undefined,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
