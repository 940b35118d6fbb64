import { describe, expect, it } from 'vitest';
import { maskSecretsIn } from './secrets.js';

describe('maskSecretsIn', () => {
  it('masks the credentials of a URL', () => {
    const out = maskSecretsIn('Request cannot be constructed from a URL that includes credentials: https://ensign:hunter2-pass@events.example.com/v1');
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('ensign:');
    expect(out).toContain('https://****@events.example.com/v1');
  });

  it('masks query parameters named like a key, token, secret, password or signature', () => {
    const out = maskSecretsIn('GET https://x.example/p?api_key=abc123&token=t0k3n&page=2&X-Amz-Signature=deadbeef&password=pw&sig=s1 failed');
    for (const secret of ['abc123', 't0k3n', 'deadbeef', '=pw', 's1 ']) expect(out).not.toContain(secret);
    expect(out).toContain('page=2');
  });

  it('masks authorization values, with or without a scheme', () => {
    const out = maskSecretsIn('headers {"authorization":"Bearer eyJhbGciOi.payload.sig","x-api-key": "k-99887766"} authorization: sdk-live-0042');
    for (const secret of ['eyJhbGciOi', 'k-99887766', 'sdk-live-0042']) expect(out).not.toContain(secret);
  });

  it('masks long hex and base64 tokens but keeps ordinary words and short numbers', () => {
    const hex = 'a3f9'.repeat(10);
    const b64 = 'QmFzZTY0VG9rZW5WYWx1ZUZvclRlc3RzMTIzNDU2Nzg5MA==';
    const out = maskSecretsIn(`token ${hex} and ${b64} after ECONNREFUSED on port 8080 at /v1/batch`);
    expect(out).not.toContain(hex);
    expect(out).not.toContain(b64.slice(0, 20));
    expect(out).toContain('ECONNREFUSED on port 8080 at /v1/batch');
  });

  it('leaves a text without secrets as it is, and is fast on long hostile input', () => {
    expect(maskSecretsIn('connect ECONNREFUSED 127.0.0.1:443')).toBe('connect ECONNREFUSED 127.0.0.1:443');
    const hostile = `${'a://'.repeat(5_000)}${'key'.repeat(5_000)}${'?&='.repeat(5_000)}`;
    expect(typeof maskSecretsIn(hostile)).toBe('string');
  });
});
