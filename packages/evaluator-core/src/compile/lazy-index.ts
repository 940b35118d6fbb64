// A key → compiled entry index that compiles each entry on first use and keeps it. Indexing a datafile is then a
// few map insertions per flag, and a process pays compilation only for the flags it evaluates.
import type { CompiledIndex } from './compiled-types.js';

/** Lazily compiled entries, by key; the first of duplicate keys wins. */
export class LazyIndex<R, C> implements CompiledIndex<C> {
  private readonly raw = new Map<string, R>();
  private readonly compiled = new Map<string, C>();

  constructor(private readonly build: (raw: R) => C) {}

  /** Adds a raw entry; false when the key is already taken. */
  add(key: string, raw: R): boolean {
    if (this.raw.has(key)) return false;
    this.raw.set(key, raw);
    return true;
  }

  get(key: string): C | undefined {
    const done = this.compiled.get(key);
    // The miss is a method of its own: a small `get` is inlined into the evaluator's hot path.
    return done !== undefined ? done : this.compile(key);
  }

  private compile(key: string): C | undefined {
    const raw = this.raw.get(key);
    if (raw === undefined) return undefined;
    const built = this.build(raw);
    this.compiled.set(key, built);
    return built;
  }

  /** The raw entry of a key, without compiling it. */
  source(key: string): R | undefined {
    return this.raw.get(key);
  }

  /** Compiles every entry now. */
  compileAll(): void {
    for (const key of this.raw.keys()) this.get(key);
  }
}
