// Bad input: truncated JSON, wrong types, 50 MB, 10 000 levels of nesting, "__proto__" keys, non-finite numbers.
// Each gives a clear issue with its path; nothing throws; nothing hangs.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { parseDatafile } from './parse-datafile.js';
import type { DatafileResult } from './validate-datafile.js';
import { generateDatafile } from './testing/generate-datafile.js';
import { at, datafile, errorsOf, flag, problemsOf, warningsOf, withConditions } from './fixtures.test-helpers.js';

function isWellFormed(result: DatafileResult): boolean {
  const issues = result.ok ? result.warnings : [...result.issues, ...result.warnings];
  return issues.every((i) => typeof i.path === 'string' && typeof i.message === 'string' && i.message.length > 0) && (result.ok || result.issues.length > 0);
}

describe('truncated and malformed JSON', () => {
  const text = JSON.stringify(generateDatafile({ flags: 3 }), null, 2);

  it('says the text ends early, with the line and column of the end', () => {
    const cut = text.slice(0, 200);
    const lines = cut.split('\n');
    expect(errorsOf(cut)).toEqual([
      {
        path: '',
        message: `invalid JSON at line ${lines.length}, column ${(lines.at(-1) as string).length + 1} (position 200): the text ends early (truncated?)`,
      },
    ]);
  });

  it('points at a syntax error by line and column', () => {
    expect(errorsOf('{\n  "schemaVersion": 1,\n  "revision": "1",\n}')).toEqual([
      { path: '', message: 'invalid JSON at line 4, column 1 (position 43): Expected double-quoted property name' },
    ]);
  });

  it('never throws on any truncation of a valid datafile', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length - 1 }), (end) => {
        const result = parseDatafile(text.slice(0, end));
        expect(result.ok).toBe(false);
        expect(isWellFormed(result)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        expect(isWellFormed(parseDatafile(s))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('wrong types', () => {
  it('names the field and the type it got', () => {
    const d = datafile([{ key: 'f', on: 'yes', variations: {} }], { revision: 7 });
    expect(errorsOf(d)).toEqual([
      { path: 'revision', message: 'must be a string, got number' },
      { path: 'flags[0].on', message: 'must be a boolean, got string' },
      { path: 'flags[0].variations', message: 'must be an array, got object' },
    ]);
  });

  it('reports a document that is not an object at the root', () => {
    expect(errorsOf('[1, 2]')).toEqual([{ path: '', message: 'must be an object, got array' }]);
  });

  it('never throws on arbitrary JSON values, objects or values placed in a datafile', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), (value) => {
        expect(isWellFormed(parseDatafile(value as object))).toBe(true);
        expect(isWellFormed(parseDatafile(datafile([value])))).toBe(true);
        expect(isWellFormed(parseDatafile(withConditions(value)))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('large input', () => {
  const fiftyMegabytes = 50 * 1024 * 1024;
  const big = (): string => {
    const head = JSON.stringify(datafile([flag('f', { description: '' })])).replace('"description":""', `"description":"${'x'.repeat(fiftyMegabytes)}"`);
    return head;
  };

  it('rejects input above maxBytes before parsing it', () => {
    expect(errorsOf(big(), { maxBytes: 10 * 1024 * 1024 })).toEqual([
      { path: '', message: 'the datafile is larger than 10485760 bytes (maxBytes); it was not parsed' },
    ]);
  });

  // Hang guards: no wall-clock assertion (speed belongs to bench/); a pathological parser would not finish within the
  // test's own timeout.
  it('parses a 50 MB datafile under the default limit without hanging', { timeout: 60_000 }, () => {
    const result = parseDatafile(big());
    expect(result.ok).toBe(true);
  });

  it('rejects a 50 MB nesting bomb by a scan, before JSON.parse', { timeout: 60_000 }, () => {
    const bomb = '['.repeat(fiftyMegabytes / 2) + ']'.repeat(fiftyMegabytes / 2);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(errorsOf(bomb)).toEqual([
        { path: '', message: 'the JSON is nested deeper than 10000 levels at line 1, column 10001; it was not parsed' },
      ]);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('counts multi-byte characters as UTF-8 bytes against maxBytes', () => {
    const text = JSON.stringify(datafile([flag('f', { description: 'é'.repeat(600) })]));
    expect(errorsOf(text, { maxBytes: text.length + 100 })[0]?.message).toMatch(/larger than/);
    expect(errorsOf(text, { maxBytes: text.length + 700 })).toEqual([]);
  });
});

describe('deep nesting', () => {
  const deepNot = (levels: number): string => `${'{"not":'.repeat(levels)}{"attribute":"a","op":"exists","values":[]}${'}'.repeat(levels)}`;

  it('reports conditions nested 10 000 levels deep at the level past the limit', () => {
    const text = JSON.stringify(withConditions({ placeholder: true })).replace('{"placeholder":true}', deepNot(10_000));
    const path = `flags[0].rules[0].conditions${'.not'.repeat(65)}`;
    expect(errorsOf(text)).toEqual([{ path, message: 'conditions are nested deeper than 64 levels (maxDepth)' }]);
  });

  it('accepts conditions exactly at the limit', () => {
    const text = JSON.stringify(withConditions({ placeholder: true })).replace('{"placeholder":true}', deepNot(64));
    expect(errorsOf(text)).toEqual([]);
  });

  it('reports a variation value nested 10 000 levels deep', () => {
    const text = JSON.stringify(datafile([flag('f', { variations: [{ key: 'off', value: 0 }, { key: 'on', value: 1 }] })])).replace(
      '"value":0',
      `"value":${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    );
    expect(errorsOf(text)).toEqual([{ path: `flags[0].variations[0].value${'[0]'.repeat(64)}`, message: 'is nested deeper than 64 levels (maxDepth)' }]);
  });

  it('scans for nesting bombs in all text when scanNestingAbove is 0', () => {
    const text = `{"flags":${'['.repeat(10_001)}${']'.repeat(10_001)}}`;
    expect(errorsOf(text, { scanNestingAbove: 0 })).toEqual([
      { path: '', message: 'the JSON is nested deeper than 10000 levels at line 1, column 10009; it was not parsed' },
    ]);
  });
});

describe('"__proto__" keys', () => {
  it('treats "__proto__" in JSON text as data and pollutes nothing', () => {
    const text = JSON.stringify(
      datafile([
        flag('__proto__', {
          variables: [{ key: '__proto__', type: 'integer', default: 1 }],
          variations: [
            { key: 'off', value: { __proto__x: 1 } },
            { key: 'on', value: true, variables: { placeholder: 2 } },
          ],
        }),
      ]),
    )
      .replace('"placeholder"', '"__proto__"')
      .replace('"schemaVersion"', '"__proto__":{"polluted":true},"schemaVersion"');
    const result = parseDatafile(text);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([{ path: '__proto__', message: 'unknown field "__proto__" (ignored)' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('finds duplicate flag keys named "__proto__"', () => {
    expect(errorsOf(datafile([flag('__proto__'), flag('__proto__')]))).toEqual([{ path: 'flags[1].key', message: 'duplicate flag key "__proto__"' }]);
  });

  it('checks an override named "__proto__" against the declared variables', () => {
    const text = JSON.stringify(datafile([flag('f', { variations: [{ key: 'off', value: 0, variables: { placeholder: 1 } }, { key: 'on', value: 1 }] })])).replace(
      '"placeholder"',
      '"__proto__"',
    );
    expect(errorsOf(text)).toEqual([
      { path: 'flags[0].variations[0].variables.__proto__', message: 'unknown variable "__proto__" (not declared in the flag\'s variables)' },
    ]);
  });

  it('rejects an object input whose prototype was set by a "__proto__" literal', () => {
    const sneaky = { __proto__: { on: true }, key: 'f', variations: [] };
    const result = parseDatafile(datafile([sneaky]));
    expect(problemsOf(result)[0]).toEqual({ path: 'flags[0]', message: expect.stringContaining('must be a plain JSON object') });
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, datafile());
    expect(parseDatafile(bare).ok).toBe(true);
  });

  it('refuses to validate while Object.prototype is polluted', () => {
    const proto = Object.prototype as Record<string, unknown>;
    let result: DatafileResult;
    try {
      Object.defineProperty(proto, 'on', { value: true, configurable: true, enumerable: false, writable: true });
      result = parseDatafile(JSON.stringify(datafile([{ key: 'f', variations: [] }])));
    } finally {
      delete proto.on;
    }
    expect(result).toEqual({ ok: false, issues: [{ path: '', message: expect.stringContaining('Object.prototype carries a "on" property') }], warnings: [] });
  });
});

describe('non-finite numbers and values JSON cannot carry', () => {
  it('reports NaN and Infinity with their paths', () => {
    const d = datafile([
      flag('f', {
        version: Number.NaN,
        variations: [
          { key: 'off', value: Number.POSITIVE_INFINITY },
          { key: 'on', value: { nested: [1, Number.NEGATIVE_INFINITY] } },
        ],
      }),
    ]);
    const issues = parseDatafile(d);
    expect(problemsOf(issues)).toEqual([
      { path: 'flags[0].variations[0].value', message: 'must be a finite number, got Infinity' },
      { path: 'flags[0].variations[1].value.nested[1]', message: 'must be a finite number, got -Infinity' },
      { path: 'flags[0].version', message: 'must be a finite number, got NaN' },
    ]);
  });

  it('reports a number that overflows to Infinity in JSON text', () => {
    const text = JSON.stringify(datafile([flag('f', { version: 1 })])).replace('"version":1', '"version":1e999');
    expect(at(errorsOf(text), 'flags[0].version')).toEqual(['must be a finite number, got Infinity']);
  });

  it('reports functions, symbols, bigints and holes in values', () => {
    const d = datafile([flag('f', { variations: [{ key: 'off', value: [() => 1, 1n] }, { key: 'on', value: [, 1] }] })]);
    const result = parseDatafile(d);
    expect(problemsOf(result)).toEqual([
      { path: 'flags[0].variations[0].value[0]', message: 'function is not a JSON value' },
      { path: 'flags[0].variations[0].value[1]', message: 'bigint is not a JSON value' },
      { path: 'flags[0].variations[1].value[0]', message: 'undefined is not a JSON value' },
    ]);
  });

  it('survives cycles, throwing getters and proxies in object input', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const withCycle = datafile([flag('f', { variations: [{ key: 'off', value: cyclic }, { key: 'on', value: 1 }] })]);
    const direct = parseDatafile(withCycle);
    expect(problemsOf(direct)[0]?.message).toBe('is nested deeper than 64 levels (maxDepth)');
    const throwing = datafile([
      Object.defineProperty(flag('f'), 'on', {
        get() {
          throw new Error('boom');
        },
        enumerable: true,
      }),
    ]);
    expect(parseDatafile(throwing)).toEqual({ ok: false, issues: [{ path: 'flags[0]', message: 'could not be read: boom' }], warnings: [] });
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(parseDatafile(revoked.proxy).ok).toBe(false);
  });

  it('stays right when a getter of the input parses another datafile in the middle of validation', () => {
    const inner = JSON.stringify(datafile([flag('inner', { offVariation: 'missing' })]));
    let innerResult: DatafileResult | undefined;
    const outer = datafile([
      Object.defineProperty(flag('outer'), 'tags', {
        get() {
          innerResult = parseDatafile(inner);
          return ['a'];
        },
        enumerable: true,
      }),
    ]);
    expect(parseDatafile(outer)).toEqual({ ok: true, datafile: outer, quarantined: [], warnings: [] });
    expect(innerResult && problemsOf(innerResult)).toEqual([{ path: 'flags[0].offVariation', message: 'unknown variation "missing" (known: "off", "on")' }]);
  });

  it('warns about nothing in a clean datafile', () => {
    expect(warningsOf(datafile())).toEqual([]);
  });
});
