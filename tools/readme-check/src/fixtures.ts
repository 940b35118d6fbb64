// What a document's blocks read from outside: files copied into each block's temporary folder (name in the folder →
// path in the repository) and environment variables (configuration a README reads from `process.env`).
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';

interface Fixture {
  /** Name in the folder → a path in the repository, or the text itself. */
  files?: Record<string, string | { text: string }>;
  env?: Record<string, string>;
}

const SMALL_DATAFILE = 'packages/datafile-schema/examples/small.json';
const FULL_DATAFILE = 'packages/datafile-schema/examples/full.json';
/** The vendor exports the CLI's tests import (small, hand-written; not the vendors' test vectors). */
const VENDOR = 'packages/cli/test/fixtures';

/** A flag server's data folder: one SDK key for the environment `production` (the example datafile). */
const FLAG_SERVER_DATA = {
  'data/keys.json': { text: '{ "sdk-prod-1234567890": "production" }\n' },
  'data/production.json': FULL_DATAFILE,
};

/** A signing key made for each run (the flag server signs with `data/signing/<keyId>.pem`). */
const signingKey = generateKeyPairSync('ed25519');

export const FIXTURES: Record<string, Fixture> = {
  'packages/cookie-utils/README.md': {
    env: {
      AMPLITUDE_API_KEY: 'client-a1b2c3d4e5f6a7b8c9d0',
      DEVICE_ID_SECRET: 'readme-check-secret-of-at-least-32-bytes',
      DEVICE_ID_SECRET_OLD: 'readme-check-older-secret-of-32-bytes-too',
    },
  },
  'packages/node-sdk/README.md': {
    env: { ENSIGN_SDK_KEY: 'sdk-readme-check-1', LAUNCHDARKLY_SDK_KEY: 'sdk-prod-1234567890' },
    files: {
      'flags/production.json': SMALL_DATAFILE,
      'optimizely-datafile.json': `${VENDOR}/optimizely-datafile.json`,
      ...FLAG_SERVER_DATA,
      // The vendor quick starts keep the vendors' placeholder key: this server knows it.
      'data/keys.json': { text: '{ "sdk-prod-1234567890": "production", "YOUR_DEPLOYMENT_KEY": "production" }\n' },
    },
  },
  'apps/flag-server/README.md': {
    files: {
      ...FLAG_SERVER_DATA,
      'data/signing/2026-01.pem': { text: signingKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      '2026-01.pub.pem': { text: signingKey.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    },
  },
  'packages/cli/README.md': { files: { 'flags.json': FULL_DATAFILE } },
  'packages/importers/README.md': {
    files: {
      'optimizely-datafile.json': `${VENDOR}/optimizely-datafile.json`,
      'growthbook-payload.json': `${VENDOR}/growthbook-payload.json`,
    },
  },
  // Step 3 of each walk-through runs on the datafile step 2 wrote (`ensign import ... -o datafile.json`).
  'packages/importers/docs/amplitude.md': {
    files: { 'amplitude-flags.json': `${VENDOR}/amplitude-flags.json`, 'datafile.json': SMALL_DATAFILE },
  },
  'packages/importers/docs/launchdarkly.md': {
    files: { 'ld-flags.json': `${VENDOR}/launchdarkly-latest-all.json`, 'datafile.json': SMALL_DATAFILE },
  },
  'packages/datafile-schema/README.md': { files: { 'datafile.json': SMALL_DATAFILE } },
};

/** The files of one Markdown file's fixture: absolute paths, or texts. */
export function fixtureFiles(root: string, file: string): Record<string, string | { text: string }> {
  return Object.fromEntries(
    Object.entries(FIXTURES[file]?.files ?? {}).map(([name, from]) => [name, typeof from === 'string' ? join(root, from) : from]),
  );
}

/** The environment variables of one Markdown file's fixture. */
export function fixtureEnv(file: string): Record<string, string> {
  return { ...FIXTURES[file]?.env };
}
