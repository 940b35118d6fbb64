import { describe, expect, it } from 'vitest';
import type { UpdateEvent } from './emitter.js';
import { createEmitter } from './emitter.js';

const update: UpdateEvent = { revision: '2', previousRevision: '1', source: 'file', flagKeys: ['a'] };

function setup() {
  const failures: Array<{ name: string; error: unknown }> = [];
  const emitter = createEmitter({ onListenerError: (name, error) => failures.push({ name, error }) });
  return { emitter, failures };
}

describe('createEmitter', () => {
  it('calls every listener of an event, in subscription order', () => {
    const { emitter } = setup();
    const seen: string[] = [];
    emitter.on('update', (e) => seen.push(`first ${e.revision}`));
    emitter.on('update', (e) => seen.push(`second ${e.revision}`));
    emitter.emit('update', update);
    expect(seen).toEqual(['first 2', 'second 2']);
  });

  it('stops calling a listener once it unsubscribed, and a second unsubscribe is harmless', () => {
    const { emitter } = setup();
    let calls = 0;
    const off = emitter.on('update', () => calls++);
    emitter.emit('update', update);
    off();
    off();
    emitter.emit('update', update);
    expect(calls).toBe(1);
    expect(emitter.has('update')).toBe(false);
  });

  it('keeps calling the other listeners when one throws, and reports the failure', () => {
    const { emitter, failures } = setup();
    let reached = false;
    emitter.on('update', () => {
      throw new Error('boom');
    });
    emitter.on('update', () => {
      reached = true;
    });
    expect(() => emitter.emit('update', update)).not.toThrow();
    expect(reached).toBe(true);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.name).toBe('update');
  });

  it('does not skip a neighbour when a listener unsubscribes during an emit', () => {
    const { emitter } = setup();
    const seen: string[] = [];
    const off = emitter.on('update', () => {
      seen.push('a');
      off();
    });
    emitter.on('update', () => seen.push('b'));
    emitter.emit('update', update);
    emitter.emit('update', update);
    expect(seen).toEqual(['a', 'b', 'b']);
  });

  it('ignores an unknown event name or a listener that is not a function, without throwing', () => {
    const { emitter, failures } = setup();
    const off = emitter.on('nope' as 'update', () => {});
    const off2 = emitter.on('update', 42 as unknown as () => void);
    expect(typeof off).toBe('function');
    expect(typeof off2).toBe('function');
    expect(emitter.has('update')).toBe(false);
    expect(failures.map((f) => f.name)).toEqual(['nope', 'update']);
  });
});
