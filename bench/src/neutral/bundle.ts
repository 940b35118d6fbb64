// Bundles the child (src/neutral/child.ts) into one plain ES module, so that it runs under plain `node` (and under
// valgrind) without a TypeScript loader: Ensign's packages from source (`@ensign/source`), the vendors' SDKs left
// to Node's resolution from bench/node_modules (the bundle is written inside bench/).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const BENCH = fileURLToPath(new URL('../../', import.meta.url));

/** Writes `bench/.cache/neutral-child.mjs` and returns its path. */
export async function bundleChild(): Promise<string> {
  const outfile = `${BENCH}.cache/neutral-child.mjs`;
  await build({
    entryPoints: [`${BENCH}src/neutral/child.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@ensign/source'],
    external: ['@amplitude/*', '@growthbook/*', '@launchdarkly/*', '@optimizely/*', 'murmurhash3js-revisited'],
    // Some dependencies are CommonJS: give the ES module a `require`.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}
