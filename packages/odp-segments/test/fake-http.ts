// A scripted HttpClient for the unit tests: records requests and answers with the next scripted reply.
import type { HttpClient, HttpRequest, HttpResponse } from '@ensign/common';

export type Reply = { status: number; body?: string } | Error;

export interface FakeHttp extends HttpClient {
  readonly requests: HttpRequest[];
  /** Replies used in order; the last one repeats. */
  replies: Reply[];
}

export function createFakeHttp(...replies: Reply[]): FakeHttp {
  const requests: HttpRequest[] = [];
  const http: FakeHttp = {
    requests,
    replies,
    async request(request): Promise<HttpResponse> {
      requests.push(request);
      const reply = http.replies.length > 1 ? (http.replies.shift() as Reply) : http.replies[0];
      if (reply === undefined) throw new Error('no scripted reply');
      if (reply instanceof Error) throw reply;
      return { status: reply.status, headers: {}, body: reply.body ?? '' };
    },
  };
  return http;
}

export function audiencesBody(states: Record<string, string>): string {
  return JSON.stringify({ data: { customer: { audiences: { edges: Object.entries(states).map(([name, state]) => ({ node: { name, state } })) } } } });
}
