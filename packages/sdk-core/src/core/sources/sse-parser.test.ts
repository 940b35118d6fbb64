import { describe, expect, it } from 'vitest';
import type { SseEvent } from './sse-parser.js';
import { createSseParser } from './sse-parser.js';

function parse(chunks: readonly string[]) {
  const events: SseEvent[] = [];
  const retries: number[] = [];
  const comments: string[] = [];
  const parser = createSseParser({ onEvent: (e) => events.push(e), onRetry: (ms) => retries.push(ms), onComment: (c) => comments.push(c) });
  for (const chunk of chunks) parser.push(chunk);
  return { events, retries, comments, parser };
}

const STREAM = 'retry: 1000\n\nevent: put\ndata: {"revision":"r1",\ndata: "datafile":"x"}\nid: 7\n\n:\n\r\nevent: patch\r\ndata: second\r\n\r\n: heartbeat\rdata:third\r\r';

describe('createSseParser', () => {
  it('reads event, multi-line data, id, retry and comments', () => {
    const { events, retries, comments } = parse([STREAM]);
    expect(events).toEqual([
      { event: 'put', data: '{"revision":"r1",\n"datafile":"x"}', id: '7' },
      { event: 'patch', data: 'second', id: '7' },
      { event: 'message', data: 'third', id: '7' },
    ]);
    expect(retries).toEqual([1000]);
    expect(comments).toEqual(['', 'heartbeat']);
  });

  it('gives the same events wherever the stream is cut into two or three chunks', () => {
    const whole = parse([STREAM]).events;
    for (let i = 0; i <= STREAM.length; i++) {
      expect(parse([STREAM.slice(0, i), STREAM.slice(i)]).events).toEqual(whole);
      const j = Math.min(STREAM.length, i + 3);
      expect(parse([STREAM.slice(0, i), STREAM.slice(i, j), STREAM.slice(j)]).events).toEqual(whole);
    }
  });

  it('treats a CR at the end of a chunk and an LF at the start of the next as one line end', () => {
    const { events } = parse(['data: a\r', '\ndata: b\r', '\n\r', '\n']);
    expect(events).toEqual([{ event: 'message', data: 'a\nb', id: '' }]);
  });

  it('dispatches no event without data, and resets the event name after one', () => {
    const { events } = parse(['event: put\n\nevent: patch\n\ndata: x\n\n']);
    expect(events).toEqual([{ event: 'message', data: 'x', id: '' }]);
  });

  it('drops one space after the colon only, reads a field without a colon as empty, and ignores unknown fields', () => {
    const { events } = parse(['data:  two spaces\ndata\nfoo: bar\ndata:x\n\n']);
    expect(events[0]?.data).toBe(' two spaces\n\nx');
  });

  it('ignores a retry that is not all digits and an id holding NUL', () => {
    const { events, retries } = parse(['retry: 10s\nretry: -5\nid: a\u0000b\ndata: x\n\n']);
    expect(retries).toEqual([]);
    expect(events[0]?.id).toBe('');
  });

  it('skips a leading byte-order mark', () => {
    expect(parse(['\uFEFFdata: x\n\n']).events).toEqual([{ event: 'message', data: 'x', id: '' }]);
  });

  it('drops a partly received event on reset and keeps the last id', () => {
    const { events, parser } = parse(['id: 4\ndata: whole\n\nevent: put\ndata: {"half']);
    parser.reset();
    parser.push('data: next\n\n');
    expect(events).toEqual([
      { event: 'message', data: 'whole', id: '4' },
      { event: 'message', data: 'next', id: '4' },
    ]);
  });
});
