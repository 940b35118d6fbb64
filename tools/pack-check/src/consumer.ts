// The files of the fresh consumer app: an ESM project (esm/, "type": "module") and a CommonJS project (cjs/,
// "type": "commonjs") beside one node_modules, each with scripts that load every entry and run a few calls, and
// TypeScript sources type-checked with `module: nodenext`, without and with `@types/node`.

/** What the packed manifests export: code entries and JSON files. */
export interface Entries {
  readonly code: readonly string[];
  readonly json: readonly string[];
}

/** Loads every entry and prints, per specifier, its export names and the file it resolved to. */
export const LOAD_ESM = `import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const entries = JSON.parse(readFileSync(new URL('../entries.json', import.meta.url), 'utf8'));
const out = {};
for (const spec of entries.code) {
  out[spec] = { names: Object.keys(await import(spec)).sort(), file: fileURLToPath(import.meta.resolve(spec)) };
}
for (const spec of entries.json) {
  const mod = await import(spec, { with: { type: 'json' } });
  out[spec] = { names: Object.keys(mod.default).sort(), file: fileURLToPath(import.meta.resolve(spec)) };
}
console.log(JSON.stringify(out));
`;

export const LOAD_CJS = `const entries = require('../entries.json');
const out = {};
for (const spec of entries.code) out[spec] = { names: Object.keys(require(spec)).sort(), file: require.resolve(spec) };
for (const spec of entries.json) out[spec] = { names: Object.keys(require(spec)).sort(), file: require.resolve(spec) };
console.log(JSON.stringify(out));
`;

/**
 * A few real calls through the public API, the same in both formats: a decision on the example datafile, the JSON
 * example parsed, a file read by node-sdk's worker thread (loaded by URL next to the module that starts it).
 */
function smokeBody(load: (spec: string) => string): string {
  return `const { createClient, createNodeFileSystem } = ${load('@ensign/node-sdk')};
const { exampleDatafile } = ${load('@ensign/node-sdk/examples')};
const { parseDatafile } = ${load('@ensign/datafile-schema')};
const { datafileSchema } = ${load('@ensign/datafile-schema/zod')};
const small = ${load('@ensign/datafile-schema/examples/small.json')};
const fs = ${load('node:fs')};
const path = ${load('node:path')};
const os = ${load('node:os')};
async function main() {
  const client = createClient({ datafile: exampleDatafile });
  await client.onReady({ timeout: 5000 });
  const decision = client.createUserContext('user-42', { country: 'US', plan: 'pro' }).decide('checkout-redesign');
  await client.close();
  const parsed = parseDatafile(small);
  const zodParsed = datafileSchema.safeParse(small).success;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensign-smoke-'));
  const file = path.join(dir, 'flags.json');
  fs.writeFileSync(file, JSON.stringify({ nested: { list: [1, 2, 3] } }));
  const readOffThread = await createNodeFileSystem().readJson(file, { maxBytes: 1024, maxNesting: 10 });
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({
    flagKey: decision.flagKey, variationKey: decision.variationKey, enabled: decision.enabled,
    parsedOk: parsed.ok, zodParsed, readOffThread,
  }));
}
main().catch((error) => { console.error(error); process.exitCode = 1; });
`;
}

export const SMOKE_ESM = smokeBody((spec) =>
  spec.endsWith('.json') ? `(await import('${spec}', { with: { type: 'json' } })).default` : `await import('${spec}')`,
);
export const SMOKE_CJS = smokeBody((spec) => `require('${spec}')`);

/** Imports every code entry, so tsc checks every published declaration file it reaches. */
export function allEntriesTs(entries: Entries): string {
  const lines = entries.code.map((spec, i) => `import * as m${i} from '${spec}';`);
  return `${lines.join('\n')}\nexport const loaded: readonly object[] = [${entries.code.map((_, i) => `m${i}`).join(', ')}];\n`;
}

/** Typed calls a user writes (no Node types needed). */
export function usageTs(format: 'esm' | 'cjs'): string {
  const json =
    format === 'esm'
      ? `import small from '@ensign/datafile-schema/examples/small.json' with { type: 'json' };`
      : `import small = require('@ensign/datafile-schema/examples/small.json');`;
  return `import { createClient, type EnsignClient } from '@ensign/node-sdk';
import { exampleDatafile } from '@ensign/node-sdk/examples';
import { parseDatafile, type DatafileResult } from '@ensign/datafile-schema';
import type { DispatchOptions } from '@ensign/event-pipeline';
${json}

const client: EnsignClient = createClient({ datafile: exampleDatafile });
const enabled: boolean = client.createUserContext('user-42', { plan: 'pro' }).decide('checkout-redesign').enabled;
const result: DatafileResult = parseDatafile(small);
const signal: DispatchOptions['signal'] = undefined;
export const used = [enabled, result.ok, signal];
`;
}

/** Typed calls that only make sense with Node's types: the real \`fetch\` and \`AbortSignal\` fit the options. */
export const NODE_USAGE_TS = `import { createNodeHttpClient } from '@ensign/node-sdk';
import type { DispatchOptions } from '@ensign/event-pipeline';

const http = createNodeHttpClient({ fetch: globalThis.fetch });
const options: DispatchOptions = { attempt: 1, signal: new AbortController().signal };
const signal: AbortSignal | undefined = options.signal;
export const used = [http, signal];
`;

/** tsconfig of a consumer project; `withNode` adds `@types/node` and the Node-only usage file. */
export function tsconfig(withNode: boolean): string {
  return JSON.stringify(
    {
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        lib: ['es2022'],
        types: withNode ? ['node'] : [],
        strict: true,
        skipLibCheck: false,
        resolveJsonModule: true,
        noEmit: true,
      },
      files: ['all.ts', 'usage.ts', ...(withNode ? ['node-usage.ts'] : [])],
    },
    null,
    2,
  );
}
