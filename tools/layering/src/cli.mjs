#!/usr/bin/env node
// Prints each layering violation and exits 1 when there is any. Usage: node tools/layering/src/cli.mjs [--root DIR]
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLayers } from './check.mjs';

const args = process.argv.slice(2);
const i = args.indexOf('--root');
const root = i >= 0 ? resolve(args[i + 1]) : resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const violations = checkLayers(root);
for (const v of violations) console.error(`${v.file}:${v.line}  [${v.rule}] ${v.message}`);
console.log(violations.length === 0 ? 'layering: ok' : `layering: ${violations.length} violation(s)`);
process.exit(violations.length === 0 ? 0 : 1);
