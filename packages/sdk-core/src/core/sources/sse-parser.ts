/** One dispatched Server-Sent Event. */
export interface SseEvent {
  /** The `event:` field; `'message'` when the event named none. */
  readonly event: string;
  /** The `data:` lines joined with `\n`. */
  readonly data: string;
  /** The last event id seen on the stream (it carries over to later events, as the spec says); `''` when none. */
  readonly id: string;
}

/** What the parser reports besides events. */
export interface SseParserHandlers {
  onEvent(event: SseEvent): void;
  /** A `retry:` field with a valid number of ms. */
  onRetry?(ms: number): void;
  /** A comment line (`:` first), such as a heartbeat. */
  onComment?(text: string): void;
}

/** A streaming parser: feed it chunks as they arrive, in order; lines and events may be split anywhere. */
export interface SseParser {
  push(chunk: string): void;
  /** The stream ended: a partly received event is dropped, as the spec says. The parser can then be reused. */
  reset(): void;
}

const LF = 10;
const CR = 13;

/**
 * Creates a parser of the `text/event-stream` format (WHATWG HTML, "Server-sent events", section 9.2.6): lines end
 * with CRLF, LF or CR (a CR at the end of one chunk and an LF at the start of the next are one line end); a first
 * byte-order mark is skipped; `:` starts a comment; a field without a colon has an empty value; one space after the
 * colon is dropped; `data` lines are joined with `\n`; an empty line dispatches the event (an event without data is
 * not dispatched); `id` holding NUL is ignored; `retry` is used only when it is all ASCII digits; other fields are
 * ignored.
 *
 * @example
 * const parser = createSseParser({ onEvent: (e) => console.log(e.event, e.data) });
 * parser.push('event: put\ndata: {"a"');
 * parser.push(':1}\n\n'); // logs: put {"a":1}
 */
export function createSseParser(handlers: SseParserHandlers): SseParser {
  let pending = '';
  let skipLf = false;
  let firstChunk = true;
  let eventType = '';
  let data: string[] = [];
  let lastId = '';

  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) {
        const event = { event: eventType === '' ? 'message' : eventType, data: data.join('\n'), id: lastId };
        eventType = '';
        data = [];
        handlers.onEvent(event);
      } else eventType = '';
      return;
    }
    if (text.charCodeAt(0) === 58 /* : */) {
      handlers.onComment?.(text.slice(1).replace(/^ /, ''));
      return;
    }
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case 'event':
        eventType = value;
        break;
      case 'data':
        data.push(value);
        break;
      case 'id':
        if (!value.includes('\u0000')) lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) handlers.onRetry?.(Number(value));
        break;
      default:
        break;
    }
  };

  return {
    push(chunk) {
      if (chunk.length === 0) return;
      let text = chunk;
      if (firstChunk) {
        firstChunk = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      let start = 0;
      if (skipLf && text.charCodeAt(0) === LF) start = 1;
      skipLf = false;
      for (let i = start; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c !== LF && c !== CR) continue;
        const piece = text.slice(start, i);
        const whole = pending === '' ? piece : pending + piece;
        pending = '';
        if (c === CR) {
          if (i + 1 < text.length) {
            if (text.charCodeAt(i + 1) === LF) i++;
          } else skipLf = true;
        }
        start = i + 1;
        line(whole);
      }
      if (start < text.length) pending += text.slice(start);
    },
    reset() {
      pending = '';
      skipLf = false;
      firstChunk = true;
      eventType = '';
      data = [];
    },
  };
}
