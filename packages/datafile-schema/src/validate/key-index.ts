// Keys seen in one list (a flag's variations, its rule ids): an array while short, a Set once long, so duplicate
// and reference checks stay linear. One instance is reused from flag to flag: `reset` keeps the array's storage
// (truncating it would free the storage and allocate anew on the next push), so checking a flag allocates nothing.

export class KeyIndex {
  private slots: string[] = [];
  private count = 0;
  private set: Set<string> | null = null;

  /** Empties the index for the next list. */
  reset(): this {
    this.count = 0;
    this.set = null;
    return this;
  }

  /** Empties the index and lets go of the keys' storage (between runs). */
  release(): void {
    this.reset();
    this.slots = [];
  }

  /** The keys, in order (a copy; for messages). */
  get keys(): string[] {
    return this.slots.slice(0, this.count);
  }

  /** Adds a key; returns false when it was already there. */
  add(key: string): boolean {
    if (this.has(key)) return false;
    if (this.count < this.slots.length) this.slots[this.count] = key;
    else this.slots.push(key);
    this.count++;
    if (this.set !== null) this.set.add(key);
    else if (this.count > 8) this.set = new Set(this.keys);
    return true;
  }

  has(key: string): boolean {
    if (this.set !== null) return this.set.has(key);
    const slots = this.slots;
    for (let i = 0; i < this.count; i++) if (slots[i] === key) return true;
    return false;
  }
}
