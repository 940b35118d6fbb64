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

  it('catches node-sdk importing an engine directly, and node:* in sdk-core', () => {
    const root = fixture({
      'packages/node-sdk/src/a.ts': "import { evaluateFlag } from '@ensign/evaluator-core';\n",
      'packages/sdk-core/src/core/b.ts': "import { readFile } from 'node:fs';\n",
    });
    expect(checkLayers(root).map((v: { rule: string; specifier: string }) => `${v.rule} ${v.specifier}`).sort()).toEqual(['layer @ensign/evaluator-core', 'node node:fs']);
  });

  it('keeps core <- faces <- client one-way inside sdk-core, and faces apart', () => {
    const root = fixture({
      'packages/sdk-core/src/core/a.ts': "import { x } from '../faces/optimizely/b.js';\n",
      'packages/sdk-core/src/faces/optimizely/b.ts': "import { y } from '../../client/c.js';\nimport { z } from '../launchdarkly/d.js';\nimport { ok } from '../../core/e.js';\nimport { same } from './f.js';\n",
      'packages/sdk-core/src/client/c.ts': "import { a } from '../core/a.js';\nimport { b } from '../faces/optimizely/b.js';\n",
    });
    const found = checkLayers(root).map((v: { rule: string; file: string; specifier: string }) => `${v.rule} ${v.file.split('/src/')[1]} ${v.specifier}`);
    expect(found.sort()).toEqual([
      'folder core/a.ts ../faces/optimizely/b.js',
      'folder faces/optimizely/b.ts ../../client/c.js',
      'folder faces/optimizely/b.ts ../launchdarkly/d.js',
    ]);
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
