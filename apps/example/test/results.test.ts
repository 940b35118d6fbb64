// With a flag server configured, events go to its bulk endpoint and /results draws its results endpoint's answer. The
// flag server is stood in for by a loopback server that speaks the same contract.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExampleApp } from '../src/index.js';
import type { ExampleApp, ExperimentResults } from '../src/index.js';
import { ARTIFACTS_DIR, eventually, launchChromium, scratchDir } from './browser-helpers.js';

const SLOW = 120_000;
const SDK_KEY = 'sdk-example-test-key';

// The results contract of apps/flag-server: `GET /v1/experiments/{flagKey}/results`.
const RESULTS: ExperimentResults = {
  flagKey: 'pricing-experiment',
  environment: 'example',
  variations: [
    { variationKey: 'standard', exposures: 1200, conversions: { purchase: { users: 60, rate: 0.05, interval: [0.039, 0.064] } } },
    { variationKey: 'discount', exposures: 1180, conversions: { purchase: { users: 95, rate: 0.0805, interval: [0.066, 0.097] } } },
  ],
};

describe('the shop pointed at a flag server', () => {
  let browser: Browser;
  let app: ExampleApp;
  let flagServer: Server;
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  const received: Array<{ authorization: string | undefined; events: Array<Record<string, unknown>> }> = [];
  const resultRequests: Array<{ path: string; authorization: string | undefined }> = [];

  beforeAll(async () => {
    flagServer = createServer((req, res) => {
      if (req.method === 'GET' && req.url?.startsWith('/v1/experiments/')) {
        resultRequests.push({ path: req.url, authorization: req.headers.authorization });
        if (req.headers.authorization !== SDK_KEY) return void res.writeHead(401).end('{"error":"unknown key"}');
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(RESULTS));
      }
      if (req.method === 'POST' && req.url === '/v1/events/bulk') {
        void body(req).then((text) => {
          received.push({ authorization: req.headers.authorization, events: (JSON.parse(text) as { events: Array<Record<string, unknown>> }).events });
          res.writeHead(202).end();
        });
        return;
      }
      res.writeHead(404).end();
    });
    flagServer.listen(0, '127.0.0.1');
    await once(flagServer, 'listening');
    const serverUrl = `http://127.0.0.1:${(flagServer.address() as AddressInfo).port}`;
    scratch = await scratchDir();
    app = await startExampleApp({ datafilePath: scratch.datafilePath, dataDir: scratch.dataDir, serverUrl, sdkKey: SDK_KEY, logger: quiet });
    browser = await launchChromium();
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    flagServer?.closeAllConnections();
    await new Promise((resolve) => (flagServer ? flagServer.close(resolve) : resolve(undefined)));
    if (scratch) await rm(scratch.dir, { recursive: true, force: true });
  }, SLOW);

  it('sends the purchase to the server and draws a bar with its interval per variation on /results', async () => {
    expect(app.eventsFile).toBeNull();
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    await page.goto(app.url);
    await Promise.all([page.waitForURL(/bought=/), page.getByTestId('buy').click()]);
    const deviceId = await page.getByTestId('device-id').textContent();
    const delivered = await eventually(async () => received.some((b) => b.events.some((e) => e['kind'] === 'conversion')));
    expect(delivered).toBe(true);
    const batch = received.find((b) => b.events.some((e) => e['kind'] === 'conversion'))!;
    expect(batch.authorization).toBe(SDK_KEY);
    expect(batch.events.find((e) => e['kind'] === 'conversion')).toMatchObject({ eventKey: 'purchase', context: { key: deviceId } });

    await page.goto(`${app.url}/results`);
    expect(resultRequests.at(-1)).toEqual({ path: '/v1/experiments/pricing-experiment/results', authorization: SDK_KEY });
    const bars = page.locator('[data-testid="results-chart"] rect[data-variation]');
    expect(await bars.evaluateAll((rects) => rects.map((r) => r.getAttribute('data-variation')))).toEqual(['standard', 'discount']);
    const widths = await bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
    // Bars are proportional to the rates; each variation has a whisker spanning its interval.
    expect(widths[1]! / widths[0]!).toBeCloseTo(RESULTS.variations[1]!.conversions['purchase']!.rate / RESULTS.variations[0]!.conversions['purchase']!.rate, 1);
    for (const key of ['standard', 'discount']) {
      const whisker = page.locator(`line[data-interval="${key}"]`);
      expect(Number(await whisker.getAttribute('x2'))).toBeGreaterThan(Number(await whisker.getAttribute('x1')));
    }
    await page.screenshot({ path: join(ARTIFACTS_DIR, '6-results.png'), fullPage: true });
    await page.close();
  }, SLOW);
});

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
