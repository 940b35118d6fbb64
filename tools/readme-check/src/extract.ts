// Finds the code blocks of the repository's Markdown files and turns each into a program to type-check and run.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The languages whose blocks are checked: TypeScript blocks are type-checked and run, JavaScript blocks are run. */
const LANGUAGES: Record<string, 'ts' | 'js'> = { ts: 'ts', typescript: 'ts', js: 'js', javascript: 'js' };

/**
 * The marks a block's info string may carry after its language (```ts fragment: why):
 * - `fragment <reason>`: type-checked, not run (it shows a shape, or needs something a test cannot provide);
 * - `excerpt <reason>`: neither type-checked nor run (elided code with `...`, or the output of a tool);
 * - `continues`: runs after the first block of the same file (its quick start), for a section that goes on with
 *   the quick start's variables (`client`, `pipeline`...).
 */
export type Mark = 'fragment' | 'excerpt' | 'continues';

export interface Block {
  /** Path of the Markdown file, relative to the repository root, with `/` separators. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: 'ts' | 'js';
  info: string;
  marks: Set<Mark>;
  /** Why a `fragment` or `excerpt` is one; empty otherwise. */
  reason: string;
  /** The code, dedented by the fence's indentation. */
  code: string;
  /** Problems with the block's info string (a fragment without a reason, an unknown mark...). */
  problems: string[];
}

const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.turbo', 'coverage', '.blocks', '.changeset']);

/** Every README.md of the repository, and every Markdown file under a `docs` folder. */
export function findMarkdownFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, inDocs: boolean) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') && entry.name !== '.') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full, inDocs || entry.name === 'docs');
      } else if (entry.name === 'README.md' || (inDocs && entry.name.endsWith('.md'))) {
        found.push(relative(root, full).split('\\').join('/'));
      }
    }
  };
  if (existsSync(root)) walk(root, false);
  return found.sort();
}

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;

/** The checked blocks of one Markdown text (other languages, such as `sh` or `json`, are left alone). */
export function extractBlocks(file: string, text: string): Block[] {
  const lines = text.split(/\r?\n/);
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, rawInfo] = open as unknown as [string, string, string, string];
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = FENCE.exec(lines[j]!);
      if (close && close[2]!.startsWith(fence[0]!) && close[2]!.length >= fence.length && close[3]!.trim() === '') break;
      body.push(lines[j]!.startsWith(indent) ? lines[j]!.slice(indent.length) : lines[j]!.trimStart());
    }
    const info = rawInfo.trim();
    const lang = LANGUAGES[info.split(/\s+/)[0]!.toLowerCase()];
    if (lang) blocks.push({ file, line: i + 1, lang, info, code: body.join('\n'), ...parseMarks(info) });
    i = j;
  }
  return blocks;
}

function parseMarks(info: string): { marks: Set<Mark>; reason: string; problems: string[] } {
  const marks = new Set<Mark>();
  const problems: string[] = [];
  let reason = '';
  const rest = info.replace(/^\S+\s*/, '');
  const m = /^(fragment|excerpt)\b:?\s*(.*)$/.exec(rest);
  if (m) {
    marks.add(m[1] as Mark);
    reason = m[2]!.trim();
    if (!reason) problems.push(`"${m[1]}" needs a reason after it (\`\`\`ts ${m[1]}: why it cannot run)`);
  } else if (/^continues\s*$/.test(rest)) {
    marks.add('continues');
  } else if (rest) {
    problems.push(`unknown info string "${info}": after the language, only "fragment: <reason>", "excerpt: <reason>" or "continues"`);
  }
  return { marks, reason, problems };
}

export interface Program {
  block: Block;
  /** Source text: the blocks it continues, then the block, then `export {}` so each file is a module. */
  source: string;
  /** For each line of `source` (0-based), where it comes from in the Markdown file. */
  origin: { file: string; line: number }[];
}

/** The program of each block: a `continues` block runs after the first block of its file. */
export function toPrograms(blocks: Block[]): Program[] {
  const runs = (b: Block) => !b.marks.has('fragment') && !b.marks.has('excerpt');
  return blocks.map((block) => {
    if (!block.marks.has('continues')) return program([block]);
    const first = blocks.find((b) => b.file === block.file && runs(b));
    if (!first || first === block || first.marks.has('continues')) {
      block.problems.push('"continues" needs a first block in its file to continue (one without "continues")');
      return program([block]);
    }
    return program([first, block]);
  });
}

/** The program of the last block of `chain`, preceded by the others. */
function program(chain: Block[]): Program {
  const source: string[] = [];
  const origin: Program['origin'] = [];
  for (const part of chain) {
    part.code.split('\n').forEach((text, k) => {
      source.push(text);
      origin.push({ file: part.file, line: part.line + 1 + k });
    });
  }
  source.push('export {};', '');
  return { block: chain[chain.length - 1]!, source: source.join('\n'), origin };
}

/** Reads every Markdown file of the repository and returns its blocks' programs. */
export function collectPrograms(root: string): Program[] {
  return findMarkdownFiles(root).flatMap((file) => toPrograms(extractBlocks(file, readFileSync(join(root, file), 'utf8'))));
}

/** `packages/x/README.md:12`: how a failure names a block. */
export function where(block: Block): string {
  return `${block.file}:${block.line}`;
}
