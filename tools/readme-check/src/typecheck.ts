// Type-checks the blocks' files in one TypeScript program with the repository's compiler options (strict, NodeNext,
// the `@ensign/source` condition), and reports each diagnostic at its line in the Markdown file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { WrittenProgram } from './workspace.js';

function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.base.json');
  const { config, error } = ts.parseConfigFileTextToJson(configPath, readFileSync(configPath, 'utf8'));
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configPath);
  return { ...parsed.options, noEmit: true, declaration: false, declarationMap: false, sourceMap: false };
}

/** The diagnostics of each TypeScript program, keyed by its path: `README.md:41: TS2304 Cannot find name 'x'.` */
export function typecheck(root: string, programs: WrittenProgram[]): Map<string, string[]> {
  const files = programs.filter((p) => p.block.lang === 'ts');
  const program = ts.createProgram({ rootNames: files.map((p) => p.path), options: compilerOptions(root) });
  const result = new Map<string, string[]>();
  for (const written of files) {
    const source = program.getSourceFile(written.path);
    if (!source) {
      result.set(written.path, [`${written.block.file}:${written.block.line}: TypeScript did not load the block`]);
      continue;
    }
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    result.set(
      written.path,
      diagnostics.map((d) => {
        const text = ts.flattenDiagnosticMessageText(d.messageText, '\n    ');
        if (d.start === undefined) return `TS${d.code} ${text}`;
        const { line, character } = source.getLineAndCharacterOfPosition(d.start);
        const at = written.origin[line] ?? { file: written.block.file, line: written.block.line };
        return `${at.file}:${at.line}:${character + 1}: TS${d.code} ${text}`;
      }),
    );
  }
  return result;
}
