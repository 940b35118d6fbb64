// The demo run by `npm run demo`: builds contexts of every kind, validates them, and prints each one's canonical key
// and the JSON that may leave the process (private attributes redacted). Raw contexts are never printed. Then it makes
// decisions through the three faces of @ensign/node-sdk on the embedded example datafile (decisions.ts).
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runDecisionsDemo } from './decisions.js';
import {
  amplitudeUserToContext,
  canonicalKey,
  contextBuilder,
  createContext,
  createContextRedactor,
  createMultiContext,
  optimizelyUserToContext,
  validateContext,
  type ContextValidation,
} from '@ensign/context';

/** Private in every context, as an SDK's `privateAttributes` option would say. */
export const GLOBAL_PRIVATE_ATTRIBUTES = ['ssn', '/user_properties/phone'] as const;

interface Example {
  title: string;
  validation: ContextValidation;
}

function examples(): Example[] {
  const organization = contextBuilder('org-1')
    .kind('organization')
    .name('Acme')
    .anonymous(false)
    .set('address', { street: '742 Evergreen Terrace', city: 'Springfield' })
    .privateAttribute('/address/street')
    .build();

  const userAndDevice = createMultiContext(
    contextBuilder('user-42').name('Sandy').set('email', 'sandy@example.com').privateAttribute('email').build(),
    { ...createContext('device-7', 'device'), model: 'Pixel 8' },
  );

  const legacyUser = {
    key: 'legacy-1',
    secondary: 'cohort-b',
    email: 'old-school@example.com',
    custom: { plan: 'pro' },
    privateAttributeNames: ['email'],
  };

  const optimizelyUser = optimizelyUserToContext('opt-user-9', {
    plan: 'enterprise',
    $opt_bucketing_id: 'household-3',
    ssn: '078-05-1120',
  });

  return [
    { title: 'builder: an organization with a private nested street', validation: validateContext(organization) },
    { title: 'multi-context: a user (private email) on a device', validation: validateContext(userAndDevice) },
    { title: 'LaunchDarkly legacy user with `secondary`', validation: validateContext(legacyUser) },
    { title: 'Optimizely user (global private `ssn`)', validation: validateContext(optimizelyUser) },
    {
      title: 'Amplitude user with a group (global private `/user_properties/phone`)',
      validation: amplitudeUserToContext({
        user_id: 'amp-5',
        device_id: 'dev-5',
        country: 'FR',
        user_properties: { plan: 'pro', phone: '+33 6 12 34 56 78' },
        groups: { org: ['Acme'] },
        group_properties: { org: { Acme: { tier: 'gold' } } },
      }),
    },
    { title: 'an invalid context (empty key)', validation: validateContext({ kind: 'user', key: '' }) },
  ];
}

/**
 * Runs the demo and returns the lines to print. Pure apart from building the contexts: no I/O.
 *
 * @example
 * for (const line of runDemo()) console.log(line);
 */
export function runDemo(): string[] {
  const redactor = createContextRedactor({ privateAttributes: GLOBAL_PRIVATE_ATTRIBUTES });
  const lines = [
    'Ensign demo: contexts (@ensign/context)',
    `Global private attributes: ${GLOBAL_PRIVATE_ATTRIBUTES.join(', ')}`,
  ];
  for (const { title, validation } of examples()) {
    lines.push('', `# ${title}`);
    if (!validation.ok) {
      lines.push(`  invalid: ${validation.error}`);
      continue;
    }
    for (const warning of validation.warnings) lines.push(`  warning: ${warning}`);
    const redacted = redactor.redact(validation.context);
    lines.push(`  canonical key: ${canonicalKey(validation.context)}`);
    lines.push(`  sent as: ${JSON.stringify(redacted)}`);
  }
  const badKind = validateContext(createContext('user-1', 'not a kind'));
  lines.push('', '# an invalid kind is a value with an error, never an exception');
  lines.push(`  ${badKind.ok ? 'valid' : `invalid: ${badKind.error}`}`);
  return lines;
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  for (const line of runDemo()) console.log(line);
  console.log('');
  for (const line of await runDecisionsDemo()) console.log(line);
}
