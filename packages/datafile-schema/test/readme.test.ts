// The README's examples stay true: its datafile is valid and its error example gives the path it shows.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDatafile } from '../src/parse-datafile.js';

const readme = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '..', 'README.md'), 'utf8');
const blocks = (lang: string): string[] => [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] as string);

describe('README', () => {
  it('shows a valid datafile', () => {
    const datafile = blocks('json').find((b) => b.includes('"flags"'));
    expect(datafile).toBeDefined();
    expect(parseDatafile(datafile as string)).toMatchObject({ ok: true, warnings: [] });
  });

  it('shows the error its example gives', () => {
    const example = blocks('ts').find((b) => b.includes('"op": "is"')) as string;
    const text = /parseDatafile\(`([\s\S]*?)`\)/.exec(example)?.[1] as string;
    expect(parseDatafile(text)).toMatchObject({
      ok: true,
      quarantined: [{ kind: 'flag', key: 'checkout', path: 'flags[0].rules[0].conditions.and[1].op', message: 'unknown operator "is"' }],
      warnings: [],
    });
    expect(example).toContain(`kind: 'flag', key: 'checkout', path: 'flags[0].rules[0].conditions.and[1].op', message: 'unknown operator "is"'`);
  });
});
