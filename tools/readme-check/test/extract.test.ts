// The extraction rules the README check relies on: which blocks are taken, their lines, marks and programs.
import { describe, expect, it } from 'vitest';
import { extractBlocks, toPrograms } from '../src/extract.js';

const doc = [
  '# Title', //                                   1
  '```ts', //                                     2
  "const client = 'quick start';", //             3
  '```', //                                       4
  '```sh', //                                     5
  'npm install', //                               6
  '```', //                                       7
  '```ts fragment: shows an option list', //      8
  'const options = { a: 1 };', //                 9
  '```', //                                      10
  '1. Step', //                                  11
  '   ```js continues', //                       12
  '   console.log(client);', //                  13
  '   ```', //                                   14
  '```typescript excerpt', //                    15
  '...', //                                      16
  '```', //                                      17
  '```ts frgment', //                            18
  '```', //                                      19
].join('\n');

describe('extractBlocks', () => {
  const blocks = extractBlocks('README.md', doc);

  it('takes ts, js and typescript blocks with the line of their opening fence, and leaves other languages', () => {
    expect(blocks.map((b) => [b.line, b.lang])).toEqual([[2, 'ts'], [8, 'ts'], [12, 'js'], [15, 'ts'], [18, 'ts']]);
  });

  it('dedents a block indented in a list by its fence', () => {
    expect(blocks[2]!.code).toBe('console.log(client);');
  });

  it('reads the marks, and reports a fragment or excerpt without a reason and an unknown word', () => {
    expect([...blocks[1]!.marks]).toEqual(['fragment']);
    expect(blocks[1]!.reason).toBe('shows an option list');
    expect(blocks[1]!.problems).toEqual([]);
    expect(blocks[3]!.problems[0]).toMatch(/"excerpt" needs a reason/);
    expect(blocks[4]!.problems[0]).toMatch(/unknown info string "ts frgment"/);
  });
});

describe('toPrograms', () => {
  const programs = toPrograms(extractBlocks('README.md', doc));

  it('runs a `continues` block after the first block of its file, and maps every line back to the Markdown', () => {
    const continued = programs[2]!;
    expect(continued.source).toBe("const client = 'quick start';\nconsole.log(client);\nexport {};\n");
    expect(continued.origin).toEqual([{ file: 'README.md', line: 3 }, { file: 'README.md', line: 13 }]);
  });

  it('keeps other blocks alone, each a module', () => {
    expect(programs[1]!.source).toBe('const options = { a: 1 };\nexport {};\n');
    expect(programs[1]!.origin).toEqual([{ file: 'README.md', line: 9 }]);
  });

  it('reports a `continues` block with nothing to continue', () => {
    const [only] = toPrograms(extractBlocks('a.md', '```ts continues\nx;\n```'));
    expect(only!.block.problems[0]).toMatch(/needs a first block/);
  });
});
