// Lets `pnpm --filter @ensign/bench test` run the smoke tests on their own, with the same source condition as the
// root config (Ensign packages are used from src/).
import { defineConfig } from 'vitest/config';

const conditions = ['@ensign/source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 20_000,
  },
});
