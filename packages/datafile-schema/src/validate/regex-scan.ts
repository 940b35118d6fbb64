// A small scanner of ECMAScript patterns (no `u` flag) for the backtracking checks: star height, the number of
// quantifiers, and quantified groups whose alternatives overlap (`(a|ab)*`, `(\w|\d)+`, `(a|)*`), which
// safe-regex2 does not see. The pattern is known to compile and its length is bounded, so the recursion is too.

/** First-character sets: 128 ASCII bits + one bit for "any non-ASCII character". */
type CharSet = Uint32Array;

const ALL_BITS = 0xffffffff;

function emptySet(): CharSet {
  return new Uint32Array(5);
}
function fullSet(): CharSet {
  return new Uint32Array([ALL_BITS, ALL_BITS, ALL_BITS, ALL_BITS, 1]);
}
function addCode(s: CharSet, code: number, fold: boolean): void {
  if (code >= 128) {
    s[4] = 1;
    return;
  }
  s[code >> 5] = (s[code >> 5] as number) | (1 << (code & 31));
  if (fold) {
    if (code >= 65 && code <= 90) addCode(s, code + 32, false);
    else if (code >= 97 && code <= 122) addCode(s, code - 32, false);
  }
}
function addRange(s: CharSet, from: number, to: number, fold: boolean): void {
  for (let code = from; code <= to && code < 128; code++) addCode(s, code, fold);
  if (to >= 128) s[4] = 1;
}
function union(into: CharSet, from: CharSet): void {
  for (let i = 0; i < 5; i++) into[i] = (into[i] as number) | (from[i] as number);
}
function intersects(a: CharSet, b: CharSet): boolean {
  for (let i = 0; i < 5; i++) if (((a[i] as number) & (b[i] as number)) !== 0) return true;
  return false;
}
function invert(s: CharSet): CharSet {
  const out = emptySet();
  for (let i = 0; i < 4; i++) out[i] = ~(s[i] as number) >>> 0;
  out[4] = 1; // a negated class always admits some non-ASCII character
  return out;
}

function classEscape(letter: string, fold: boolean): CharSet | null {
  const s = emptySet();
  switch (letter) {
    case 'd':
      addRange(s, 48, 57, false);
      return s;
    case 'w':
      addRange(s, 48, 57, false);
      addRange(s, 65, 90, false);
      addRange(s, 97, 122, false);
      addCode(s, 95, false);
      return s;
    case 's':
      for (const code of [9, 10, 11, 12, 13, 32]) addCode(s, code, false);
      s[4] = 1;
      return s;
    case 'D':
    case 'W':
    case 'S':
      return invert(classEscape(letter.toLowerCase(), fold) as CharSet);
    default:
      return null;
  }
}

/** What a scanned pattern looks like to the backtracking rules. */
export interface PatternShape {
  /** Deepest nesting of quantifiers (safe-regex2's "star height"). */
  starHeight: number;
  /** Number of quantifiers. */
  quantifiers: number;
  /** A quantified group whose alternatives overlap or can be empty, as its source text; null when none. */
  overlapping: string | null;
}

interface Seq {
  first: CharSet;
  nullable: boolean;
}

class Scanner {
  i = 0;
  quantifiers = 0;
  overlapping: string | null = null;
  constructor(
    readonly p: string,
    readonly fold: boolean,
  ) {}

  /** Alternatives until `)` or the end. Returns their first sets, nullability and the star height inside. */
  alternatives(): { alts: Seq[]; height: number } {
    const alts: Seq[] = [];
    let height = 0;
    let first = emptySet();
    let nullable = true;
    for (;;) {
      const ch = this.p[this.i];
      if (ch === undefined || ch === ')') break;
      if (ch === '|') {
        alts.push({ first, nullable });
        first = emptySet();
        nullable = true;
        this.i++;
        continue;
      }
      const atom = this.atom();
      const q = this.quantifier();
      let atomHeight = atom.height;
      let atomNullable = atom.nullable;
      if (q !== null) {
        this.quantifiers++;
        atomHeight += 1;
        if (q.min === 0) atomNullable = true;
        if (atom.alts !== null && q.max > 10 && this.overlapping === null && overlaps(atom.alts)) {
          this.overlapping = this.p.slice(atom.start, this.i);
        }
      }
      height = Math.max(height, atomHeight);
      if (nullable) {
        union(first, atom.first);
        nullable = atomNullable;
      }
    }
    alts.push({ first, nullable });
    return { alts, height };
  }

  atom(): { first: CharSet; nullable: boolean; height: number; alts: Seq[] | null; start: number } {
    const start = this.i;
    const ch = this.p[this.i] as string;
    this.i++;
    if (ch === '(') {
      let zeroWidth = false;
      if (this.p.startsWith('?:', this.i)) this.i += 2;
      else if (this.p.startsWith('?=', this.i) || this.p.startsWith('?!', this.i)) {
        this.i += 2;
        zeroWidth = true;
      } else if (this.p.startsWith('?<=', this.i) || this.p.startsWith('?<!', this.i)) {
        this.i += 3;
        zeroWidth = true;
      } else if (this.p.startsWith('?<', this.i)) this.i = this.p.indexOf('>', this.i) + 1;
      const inner = this.alternatives();
      this.i++; // ')'
      if (zeroWidth) return { first: emptySet(), nullable: true, height: inner.height, alts: null, start };
      const first = emptySet();
      let nullable = false;
      for (const alt of inner.alts) {
        union(first, alt.first);
        if (alt.nullable) nullable = true;
      }
      return { first, nullable, height: inner.height, alts: inner.alts, start };
    }
    if (ch === '^' || ch === '$') return { first: emptySet(), nullable: true, height: 0, alts: null, start };
    if (ch === '.') {
      const s = fullSet();
      s[0] = (s[0] as number) & ~((1 << 10) | (1 << 13));
      return { first: s, nullable: false, height: 0, alts: null, start };
    }
    if (ch === '[') return { first: this.charClass(), nullable: false, height: 0, alts: null, start };
    if (ch === '\\') return this.escape(start);
    const s = emptySet();
    addCode(s, ch.charCodeAt(0), this.fold);
    return { first: s, nullable: false, height: 0, alts: null, start };
  }

  escape(start: number): { first: CharSet; nullable: boolean; height: number; alts: null; start: number } {
    const letter = this.p[this.i] ?? '\\';
    this.i++;
    if (letter === 'b' || letter === 'B') return { first: emptySet(), nullable: true, height: 0, alts: null, start };
    const cls = classEscape(letter, this.fold);
    if (cls !== null) return { first: cls, nullable: false, height: 0, alts: null, start };
    if ((letter >= '1' && letter <= '9') || letter === 'k' || letter === 'p' || letter === 'P') {
      // back-references and property escapes: anything may follow
      if (letter === 'k' || letter === 'p' || letter === 'P') {
        const close = this.p.indexOf(letter === 'k' ? '>' : '}', this.i);
        if (close >= 0) this.i = close + 1;
      }
      return { first: fullSet(), nullable: letter !== 'p' && letter !== 'P', height: 0, alts: null, start };
    }
    const s = emptySet();
    addCode(s, this.escapedCode(letter), this.fold);
    return { first: s, nullable: false, height: 0, alts: null, start };
  }

  /** The code of an escaped literal (`\n`, `\x41`, `\u0041`, `\.`), the escape letter already consumed. */
  escapedCode(letter: string): number {
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };
    const code = simple[letter];
    if (code !== undefined) return code;
    if (letter === 'x' || letter === 'u') {
      const len = letter === 'x' ? 2 : 4;
      const hex = this.p.slice(this.i, this.i + len);
      if (/^[0-9A-Fa-f]+$/.test(hex) && hex.length === len) {
        this.i += len;
        return parseInt(hex, 16);
      }
    }
    if (letter === 'c') {
      const next = this.p[this.i];
      if (next !== undefined && /[A-Za-z]/.test(next)) {
        this.i++;
        return next.charCodeAt(0) % 32;
      }
    }
    return letter.charCodeAt(0);
  }

  charClass(): CharSet {
    let negated = false;
    if (this.p[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const s = emptySet();
    let prev = -1;
    while (this.i < this.p.length && this.p[this.i] !== ']') {
      let code: number;
      const ch = this.p[this.i] as string;
      this.i++;
      if (ch === '\\') {
        const letter = this.p[this.i] ?? '\\';
        this.i++;
        const cls = classEscape(letter, this.fold);
        if (cls !== null) {
          union(s, cls);
          prev = -1;
          continue;
        }
        code = letter === 'b' ? 8 : this.escapedCode(letter);
      } else code = ch.charCodeAt(0);
      if (this.p[this.i] === '-' && this.p[this.i + 1] !== ']' && this.i + 1 < this.p.length) {
        prev = code;
        this.i++;
        continue;
      }
      if (prev >= 0) addRange(s, prev, code, this.fold);
      else addCode(s, code, this.fold);
      prev = -1;
    }
    this.i++; // ']'
    return negated ? invert(s) : s;
  }

  quantifier(): { min: number; max: number } | null {
    const ch = this.p[this.i];
    let q: { min: number; max: number } | null = null;
    if (ch === '*') q = { min: 0, max: Infinity };
    else if (ch === '+') q = { min: 1, max: Infinity };
    else if (ch === '?') q = { min: 0, max: 1 };
    if (q !== null) this.i++;
    else if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.i, this.i + 24));
      if (m === null) return null;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length;
      q = { min, max };
    }
    if (q !== null && this.p[this.i] === '?') this.i++; // lazy
    return q;
  }
}

function overlaps(alts: Seq[]): boolean {
  if (alts.length < 2) return false;
  for (let a = 0; a < alts.length; a++) {
    const x = alts[a] as Seq;
    if (x.nullable) return true;
    for (let b = a + 1; b < alts.length; b++) if (intersects(x.first, (alts[b] as Seq).first)) return true;
  }
  return false;
}

/**
 * Scans a pattern that compiles without the `u` flag. `ignoreCase` folds ASCII letters.
 *
 * @example
 * scanPattern('(a|ab)*', false).overlapping; // '(a|ab)*'
 */
export function scanPattern(pattern: string, ignoreCase: boolean): PatternShape {
  const s = new Scanner(pattern, ignoreCase);
  let height = 0;
  while (s.i < pattern.length) {
    height = Math.max(height, s.alternatives().height);
    s.i++; // a stray ')' cannot occur in a compiling pattern; this only guards the loop
  }
  return { starHeight: height, quantifiers: s.quantifiers, overlapping: s.overlapping };
}
