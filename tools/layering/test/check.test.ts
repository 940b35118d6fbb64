import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM module without types
import { checkLayers, importsOf } from '../src/check.mjs';

const dirs: string[] = [];
function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ensign-layers-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the layering lint', () => {
  it('passes on the real repository', () => {
    const violations = checkLayers(resolve(__dirname, '../../..'));
    expect(violations).toEqual([]);
  });

  it('catches a planted upward import from a core into node-sdk', () => {
    const root = fixture({ 'packages/evaluator-core/src/index.ts': "import { createClient } from '@ensign/node-sdk';\n" });
    const violations = checkLayers(root);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ rule: 'layer', specifier: '@ensign/node-sdk', line: 1 });
  });

  it('catches siblings on one layer importing each other', () => {
    const root = fixture({ 'packages/event-pipeline/src/a.ts': "export { x } from '@ensign/odp-segments';\n" });
    expect(checkLayers(root).map((v: { rule: string }) => v.rule)).toEqual(['layer']);
  });

  it('catches node:* below node-sdk and allows it in node-sdk', () => {
    const root = fixture({
      'packages/context/src/a.ts': "import { readFileSync } from 'node:fs';\nimport 'fs';\n",
      'packages/node-sdk/src/b.ts': "import { readFileSync } from 'node:fs';\n",
    });
    const violations = checkLayers(root);
    expect(violations.map((v: { file: string; rule: string }) => `${v.file}:${v.rule}`)).toEqual([
      'packages/context/src/a.ts:node',
      'packages/context/src/a.ts:node',
    ]);
  });

  it('catches a relative import that leaves its package', () => {
    const root = fixture({ 'packages/common/src/a.ts': "import x from '../../context/src/index.js';\n" });
    expect(checkLayers(root)[0]).toMatchObject({ rule: 'escape' });
  });

  it('catches a third-party import a core may not use', () => {
    const root = fixture({ 'packages/common/src/a.ts': "import { z } from 'zod';\n" });
    expect(checkLayers(root)[0]).toMatchObject({ rule: 'external' });
  });

  it('reads dynamic imports and requires but not comments', () => {
    expect(importsOf("// import 'a'\nconst b = await import('b');\nconst c = require('c');").map((i: { specifier: string }) => i.specifier)).toEqual(['b', 'c']);
  });
});
