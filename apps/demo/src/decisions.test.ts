import { describe, expect, it } from 'vitest';
import { runDecisionsDemo } from './decisions.js';

describe('runDecisionsDemo', () => {
  it('decides through the three faces, answers defaults for bad input, and sends events without private emails', async () => {
    const output = (await runDecisionsDemo()).join('\n');
    expect(output).toContain('ready: true, revision 42');
    expect(output).toMatch(/checkout-redesign: variation (control|treatment), enabled true/);
    expect(output).toContain('no-such-flag: "fallback"');
    expect(output).toContain('FLAG_NOT_FOUND');
    expect(output).toContain('an invalid context answers the default: false (USER_NOT_SPECIFIED)');
    expect(output).toMatch(/pricing-page: \{"key":/);
    expect(output).toMatch(/# events delivered by close\(\)\n  .*decision: \d+/);
    expect(output).toContain('private emails in any payload: none');
    expect(output).not.toContain('@acme.test');
  });
});
