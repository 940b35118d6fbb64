// The second half of the demo: one client over the embedded example datafile, asked through its three faces
// (Optimizely, LaunchDarkly, Amplitude). Events go to an in-process dispatcher that keeps the batches, so the demo
// can show what would leave the process, with private attributes redacted, without any network.
import { createClient, type EnsignEvent, type EventDispatcher } from '@ensign/node-sdk';
import { exampleDatafile } from '@ensign/node-sdk/examples';

/** Private in every context: the example's users carry an email that must never be sent. */
const PRIVATE_ATTRIBUTES = ['email'];

function collectingDispatcher(sink: EnsignEvent[]): EventDispatcher {
  return {
    dispatch(batch) {
      sink.push(...batch.events);
      return Promise.resolve({ delivered: true, status: 202 });
    },
  };
}

/**
 * Runs the decisions demo and returns the lines to print.
 *
 * @example
 * for (const line of await runDecisionsDemo()) console.log(line);
 */
export async function runDecisionsDemo(): Promise<string[]> {
  const sent: EnsignEvent[] = [];
  const client = createClient({
    datafile: exampleDatafile,
    privateAttributes: PRIVATE_ATTRIBUTES,
    eventDispatcher: collectingDispatcher(sent),
  });
  const ready = await client.onReady({ timeout: 2_000 });
  const lines = [
    'Ensign demo: decisions (@ensign/node-sdk) on the embedded example datafile',
    `ready: ${ready.success}, revision ${client.getStatus().revision}`,
  ];

  lines.push('', '# Optimizely face: createUserContext(...).decide(...)');
  const user = client.createUserContext('user-42', { country: 'US', plan: 'pro', email: 'sandy@acme.test' });
  for (const flagKey of ['checkout-redesign', 'new-onboarding', 'onboarding-tour']) {
    const d = user.decide(flagKey, ['INCLUDE_REASONS']);
    lines.push(`  ${flagKey}: variation ${d.variationKey}, enabled ${d.enabled}, rule ${d.ruleKey}, variables ${JSON.stringify(d.variables)}`);
  }
  user.trackEvent('purchase', { revenue: 4200, value: 42 });
  lines.push('  trackEvent("purchase", { revenue: 4200 }) recorded');

  lines.push('', '# LaunchDarkly face: variation / variationDetail with contexts');
  const multi = {
    kind: 'multi',
    user: { key: 'user-7', email: 'ops@acme.test', country: 'CA', plan: 'free' },
    org: { key: 'org-acme', name: 'Acme', tier: 'enterprise' },
  };
  for (const flagKey of ['enterprise-dashboard', 'dark-mode', 'max-cart-items', 'no-such-flag']) {
    const detail = client.variationDetail(flagKey, multi, 'fallback');
    lines.push(`  ${flagKey}: ${JSON.stringify(detail.value)} (reason ${JSON.stringify(detail.reason)})`);
  }
  const invalid = client.variationDetail('dark-mode', { kind: 'user', key: '' }, false);
  lines.push(`  an invalid context answers the default: ${JSON.stringify(invalid.value)} (${invalid.reason.errorKind})`);

  lines.push('', '# Amplitude face: evaluate(user, flagKeys)');
  const variants = client.evaluate({ user_id: 'amp-user-1', device_id: 'device-1', country: 'FR' }, ['pricing-page', 'new-onboarding']);
  for (const [flagKey, variant] of Object.entries(variants)) lines.push(`  ${flagKey}: ${JSON.stringify(variant)}`);

  await client.close();
  const kinds = new Map<string, number>();
  for (const event of sent) kinds.set(event.kind, (kinds.get(event.kind) ?? 0) + 1);
  lines.push('', '# events delivered by close()');
  lines.push(`  ${[...kinds].map(([kind, n]) => `${kind}: ${n}`).join(', ') || 'none'}`);
  const payload = JSON.stringify(sent);
  lines.push(`  private emails in any payload: ${payload.includes('@acme.test') ? 'LEAKED' : 'none'}`);
  return lines;
}
