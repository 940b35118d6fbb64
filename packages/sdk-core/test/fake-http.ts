// A scripted HttpClient for source tests: each request is answered by the test's handler; streams are fed chunk by
// chunk by the test, and end or fail when the test says so.
import type { HttpClient, HttpRequest, HttpResponse, HttpStreamResponse } from '@ensign/common';

/** A stream the test controls. */
export interface FakeStream {
  readonly request: HttpRequest;
  push(chunk: string): void;
  end(): void;
  fail(error?: Error): void;
  readonly closed: boolean;
}

export interface FakeHttp {
  http: HttpClient;
  requests: HttpRequest[];
  streams: FakeStream[];
  /** Answers `request` calls. Default: connection refused. */
  onRequest: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>;
  /** Answers `stream` calls: a status, or an error to reject with. Default 200. */
  onStream: (request: HttpRequest) => number | Error;
}

export const refused = () => Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } });

export function createFakeHttp(): FakeHttp {
  const fake: FakeHttp = {
    requests: [],
    streams: [],
    onRequest: () => {
      throw refused();
    },
    onStream: () => 200,
    http: {
      async request(request) {
        fake.requests.push(request);
        if (request.signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
        return fake.onRequest(request);
      },
      async stream(request): Promise<HttpStreamResponse> {
        const answer = fake.onStream(request);
        if (answer instanceof Error) throw answer;
        const queue: (string | Error | null)[] = [];
        let wake: (() => void) | null = null;
        let closed = false;
        const put = (item: string | Error | null) => {
          queue.push(item);
          wake?.();
          wake = null;
        };
        const stream: FakeStream = {
          request,
          push: (chunk) => put(chunk),
          end: () => put(null),
          fail: (error = Object.assign(new Error('terminated'), { cause: { code: 'ECONNRESET' } })) => put(error),
          get closed() {
            return closed;
          },
        };
        fake.streams.push(stream);
        async function* chunks(): AsyncGenerator<string> {
          for (;;) {
            while (queue.length === 0) {
              if (closed) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
              await new Promise<void>((resolve) => (wake = resolve));
            }
            const item = queue.shift();
            if (item === null || item === undefined) return;
            if (item instanceof Error) throw item;
            yield item;
          }
        }
        return {
          status: answer,
          headers: { 'content-type': 'text/event-stream' },
          chunks: chunks(),
          close: () => {
            if (closed) return;
            closed = true;
            wake?.();
            wake = null;
          },
        };
      },
    },
  };
  return fake;
}

/** A sink that records what a source pushes. */
export function createRecordingSink() {
  const updates: { document: unknown; revision: string | undefined }[] = [];
  const errors: { message: string; retrying: boolean; status?: number }[] = [];
  return {
    updates,
    errors,
    update(document: unknown, meta?: { revision?: string }) {
      updates.push({ document, revision: meta?.revision });
    },
    error(error: { message: string; retrying: boolean; status?: number }) {
      errors.push(error);
    },
  };
}
