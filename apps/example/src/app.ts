// The example shop as a server: an Ensign client on the app's own datafile file (watched, so edits show on the next
// page load), events to a local NDJSON file or to a flag server, and node:http serving the pages.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createDeviceIdSigner } from '@ensign/cookie-utils';
import { createClient } from '@ensign/node-sdk';
import type { EnsignClient, Logger } from '@ensign/node-sdk';
import { createNdjsonDispatcher } from './ndjson-dispatcher.js';
import { handleRequest } from './routes.js';

/** Options of {@link startExampleApp}. */
export interface ExampleAppOptions {
  /** The native datafile the shop runs on; watched for changes. */
  datafilePath: string;
  /** Where the app keeps its files: `events.ndjson` and the device-id secret (when none is given). */
  dataDir: string;
  /** Port on 127.0.0.1; default 0 (an ephemeral port). */
  port?: number;
  /** Flag server base URL: events go to `{serverUrl}/v1/events/bulk` and `/results` reads from it. Needs `sdkKey`. */
  serverUrl?: string | null;
  /** SDK key of the flag server (sent as `authorization`, never logged). */
  sdkKey?: string | null;
  /** Secret of the signed cookies (32+ bytes); default one generated once and kept in `dataDir`. */
  deviceIdSecret?: string | null;
  /** Amplitude API key whose identity cookie is kept in step with the device id. */
  amplitudeApiKey?: string;
  /** Send cookies with `Secure` (behind HTTPS). Default false. */
  secureCookies?: boolean;
  /** The SDK's logger; default its console logger at `warn`. */
  logger?: Logger;
  /** Called with a line for people (datafile reloads). Default: nothing. */
  log?: (line: string) => void;
}

/** A running example shop. */
export interface ExampleApp {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  client: EnsignClient;
  /** The NDJSON file events go to, or null when they go to the flag server. */
  eventsFile: string | null;
  /** Stops the server and closes the client (delivering queued events). */
  close(): Promise<void>;
}

/** The Amplitude API key used when none is configured (only names the `AMP_` cookie). */
export const DEFAULT_AMPLITUDE_API_KEY = 'example-amplitude-api-key';

/**
 * Starts the shop on 127.0.0.1.
 *
 * @example
 * const app = await startExampleApp({ datafilePath: 'apps/example/datafile.json', dataDir: 'apps/example/.data' });
 * console.log(app.url);
 * await app.close();
 */
export async function startExampleApp(options: ExampleAppOptions): Promise<ExampleApp> {
  const server = options.serverUrl && options.sdkKey ? { url: options.serverUrl.replace(/\/+$/, ''), sdkKey: options.sdkKey } : null;
  if (options.serverUrl && !options.sdkKey) throw new Error('ENSIGN_SERVER_URL is set without ENSIGN_SDK_KEY: the flag server needs both');
  await mkdir(options.dataDir, { recursive: true });
  const secret = options.deviceIdSecret ?? (await loadSecret(options.dataDir));
  const eventsFile = server === null ? join(options.dataDir, 'events.ndjson') : null;
  const log = options.log ?? (() => {});

  const client = createClient({
    datafilePath: options.datafilePath,
    eventFlushIntervalMs: 1_000,
    ...(server !== null ? { eventsUrl: `${server.url}/v1/events/bulk`, sdkKey: server.sdkKey } : { eventDispatcher: createNdjsonDispatcher(eventsFile!) }),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  client.on('update', ({ revision, previousRevision }) => {
    if (previousRevision !== null) log(`flags reloaded from ${options.datafilePath}: revision ${previousRevision} → ${revision}`);
  });
  const ready = await client.onReady({ timeout: 5_000 });
  if (!ready.success) log(`the datafile is not usable yet (${ready.reason ?? 'unknown reason'}); pages show defaults until it is fixed`);

  const deps = {
    client,
    signer: createDeviceIdSigner({ secret }),
    userSigner: createDeviceIdSigner({ secret: `${secret}/user-cookie` }),
    amplitudeApiKey: options.amplitudeApiKey ?? DEFAULT_AMPLITUDE_API_KEY,
    secureCookies: options.secureCookies === true,
    datafilePath: options.datafilePath,
    eventsFile,
    server,
  };
  const http = createServer((req, res) => void handleRequest(req, res, deps));
  http.keepAliveTimeout = 2_000;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    client,
    eventsFile,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeAllConnections();
        await stopped;
        await client.close({ timeoutMs: 2_000 });
      })();
      return closing;
    },
  };
}

// One secret per data folder, created on first start (mode 0600), so cookies survive restarts.
async function loadSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, 'device-id.secret');
  try {
    const text = (await readFile(file, 'utf8')).trim();
    if (text.length >= 32) return text;
  } catch {
    // First start: create it below.
  }
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}
