import { describe, expect, it } from 'vitest';
import { runDemo } from './main.js';

const PRIVATE_VALUES = ['742 Evergreen Terrace', 'sandy@example.com', 'old-school@example.com', '078-05-1120', '+33 6 12 34 56 78'];

describe('runDemo', () => {
  const output = runDemo().join('\n');

  it('never prints a private value', () => {
    for (const value of PRIVATE_VALUES) expect(output).not.toContain(value);
  });

  it("prints each context's canonical key", () => {
    for (const key of ['organization:org-1', 'device:device-7:user:user-42', 'legacy-1', 'opt-user-9', 'org:Acme:user:amp-5']) {
      expect(output).toContain(`canonical key: ${key}\n`);
    }
  });

  it('lists what was redacted in _meta.redactedAttributes', () => {
    expect(output).toContain('"_meta":{"redactedAttributes":["/address/street"]}');
    expect(output).toContain('"_meta":{"redactedAttributes":["email"]}');
    expect(output).toContain('"_meta":{"redactedAttributes":["ssn"]}');
    expect(output).toContain('"_meta":{"redactedAttributes":["/user_properties/phone"]}');
  });

  it('keeps public attributes, reports secondary, and shows the invalid context and the thrown error', () => {
    expect(output).toContain('"city":"Springfield"');
    expect(output).toContain('"$opt_bucketing_id":"household-3"');
    expect(output).toContain('warning: secondary is no longer used');
    expect(output).toContain('invalid: key must not be empty');
    expect(output).toMatch(/an invalid kind is a value with an error, never an exception\n  invalid: .*not a kind/);
  });
});
