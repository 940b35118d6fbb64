// The shop in a real browser: Debian's Chromium through playwright-core, the app started in-process on an ephemeral
// port. Decisions are checked against an independent client on the same datafile, never against hard-coded values.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createClient } from '@ensign/node-sdk';
import type { EnsignClient } from '@ensign/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExampleApp } from '../src/index.js';
import type { ExampleApp } from '../src/index.js';
import { ARTIFACTS_DIR, eventually, launchChromium, scratchDir } from './browser-helpers.js';

const SLOW = 120_000;

describe('the example shop in Chromium', () => {
  let browser: Browser;
  let app: ExampleApp;
  let oracle: EnsignClient;
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    scratch = await scratchDir();
    app = await startExampleApp({ datafilePath: scratch.datafilePath, dataDir: scratch.dataDir, port: 0, logger: quiet });
    // An independent client on the same datafile: what the SDK decides for a device id, outside the app.
    oracle = createClient({ datafile: await readFile(scratch.datafilePath, 'utf8'), events: false, logger: quiet });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    page = await context.newPage();
  }, SLOW);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await oracle?.close();
    if (scratch) await rm(scratch.dir, { recursive: true, force: true });
  }, SLOW);

  async function deviceIdCookie(): Promise<string> {
    const cookie = (await context.cookies(app.url)).find((c) => c.name === 'ensign_device_id');
    expect(cookie, 'the device-id cookie is set on the first visit').toBeDefined();
    expect(cookie!.httpOnly).toBe(true);
    return cookie!.value.slice(0, cookie!.value.lastIndexOf('.'));
  }

  async function banner(): Promise<{ name: string | null; index: string | null }> {
    const el = page.getByTestId('hero-banner');
    return { name: await el.getAttribute('data-variation'), index: await el.getAttribute('data-variation-index') };
  }

  it('serves the banner and price the SDK decides for the device cookie, the same across reloads and sign-in, and records the purchase', async () => {
    await page.goto(app.url);
    const deviceId = await deviceIdCookie();
    const device = { kind: 'device', key: deviceId, country: 'US' };
    const expectedBanner = oracle.variationDetail('hero-banner', device, null);
    const expectedName = (expectedBanner.value as { name: string }).name;
    expect(await banner()).toEqual({ name: expectedName, index: String(expectedBanner.variationIndex) });
    const pricing = oracle.createUserContext(deviceId, { country: 'US', signedIn: false }).decide('pricing-experiment');
    const price = pricing.variables['price'] as number;
    expect(await page.getByTestId('price').getAttribute('data-price')).toBe(String(price));
    expect(await page.getByTestId('price').getAttribute('data-variation')).toBe(pricing.variationKey);
    await page.screenshot({ path: join(ARTIFACTS_DIR, '1-first-visit.png'), fullPage: true });

    for (let i = 0; i < 3; i++) {
      await page.reload();
      expect(await banner()).toEqual({ name: expectedName, index: String(expectedBanner.variationIndex) });
      expect(await deviceIdCookie()).toBe(deviceId);
    }

    await page.getByTestId('user-input').fill('ana');
    await Promise.all([page.waitForURL(/signed-in=1/), page.getByTestId('sign-in').click()]);
    expect(await page.getByTestId('user-id').textContent()).toBe('ana');
    expect(await banner()).toEqual({ name: expectedName, index: String(expectedBanner.variationIndex) });
    const multi = { kind: 'multi', device: { key: deviceId, country: 'US' }, user: { key: 'ana' } };
    expect(await page.getByTestId('perks').textContent()).toContain(oracle.variationDetail('member-perks', multi, '').value as string);
    expect(oracle.variationDetail('member-perks', multi, '').value).not.toBe(oracle.variationDetail('member-perks', device, '').value);

    await page.getByTestId('country').selectOption('NL');
    await Promise.all([page.waitForURL(app.url + '/'), page.getByTestId('set-country').click()]);
    const inNl = { kind: 'multi', device: { key: deviceId, country: 'NL' }, user: { key: 'ana' } };
    expect(await page.getByTestId('shipping').textContent()).toContain(oracle.variationDetail('free-shipping', inNl, '').value as string);
    expect(oracle.variationDetail('free-shipping', inNl, '').value).not.toBe(oracle.variationDetail('free-shipping', multi, '').value);
    await page.screenshot({ path: join(ARTIFACTS_DIR, '2-signed-in-nl.png'), fullPage: true });

    const nlPrice = oracle.createUserContext(deviceId, { country: 'NL', signedIn: true }).decide('pricing-experiment').variables['price'] as number;
    await Promise.all([page.waitForURL(/bought=/), page.getByTestId('buy').click()]);
    const revenue = Math.round(nlPrice * 100);
    expect(await page.getByTestId('notice').textContent()).toContain(`revenue ${revenue} cents`);
    const row = page.getByTestId('recorded-conversions').locator('tr[data-event-id]').first();
    expect(await row.textContent()).toContain(deviceId);
    await page.screenshot({ path: join(ARTIFACTS_DIR, '3-after-buy.png'), fullPage: true });

    const lines = (await readFile(app.eventsFile!, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const conversions = lines.filter((e) => e['kind'] === 'conversion');
    expect(conversions).toHaveLength(1);
    expect(conversions[0]).toMatchObject({ eventKey: 'purchase', revenue, context: { kind: 'user', key: deviceId } });
    expect(conversions[0]!['id']).toBe(await row.getAttribute('data-event-id'));
    const exposures = lines.filter((e) => e['kind'] === 'decision' && e['flagKey'] === 'pricing-experiment');
    expect(exposures.every((e) => (e['context'] as { key: string }).key === deviceId)).toBe(true);

    await page.goto(`${app.url}/events`);
    expect(await page.locator('[data-testid="events"] tr[data-kind="conversion"]').count()).toBe(1);
    expect(await page.locator('[data-testid="events"] tr[data-kind="decision"]').count()).toBeGreaterThan(0);
  }, SLOW);

  it('explains every decision on /debug: reason, steps, the multi-context and the client status', async () => {
    await page.goto(`${app.url}/debug`);
    const deviceId = await deviceIdCookie();
    const rows = page.getByTestId('flag-table').locator('tr[data-flag]');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-flag')))).toEqual([
      'hero-banner',
      'pricing-experiment',
      'checkout-enabled',
      'free-shipping',
      'member-perks',
    ]);
    const multi = { kind: 'multi', device: { key: deviceId, country: 'NL' }, user: { key: 'ana' } };
    const bannerValue = oracle.variationDetail('hero-banner', multi, null).value as { name: string };
    expect(await rows.first().getAttribute('data-variation')).toBe(bannerValue.name);
    const shipping = oracle.variationDetail('free-shipping', multi, '');
    expect(await page.getByTestId('reason-free-shipping').textContent()).toContain(shipping.reason.kind);
    expect(await page.locator('tr[data-flag="pricing-experiment"] ol.steps li').count()).toBeGreaterThan(0);
    expect(JSON.parse((await page.getByTestId('context').textContent())!)).toEqual(multi);
    expect(await page.getByTestId('status-revision').textContent()).toBe('1');
    expect(await page.getByTestId('event-stats').textContent()).toMatch(/queued \d+ · sent \d+ · retried \d+ · failed \d+ · dropped 0/);
    await page.screenshot({ path: join(ARTIFACTS_DIR, '4-debug.png'), fullPage: true });
  }, SLOW);

  it('picks up an edit of the datafile: turning the kill switch off disables Buy on the next load', async () => {
    const datafile = JSON.parse(await readFile(scratch.datafilePath, 'utf8')) as { revision: string; flags: Array<{ key: string; on: boolean }> };
    datafile.revision = '2';
    datafile.flags.find((f) => f.key === 'checkout-enabled')!.on = false;
    await writeFile(scratch.datafilePath, JSON.stringify(datafile, null, 2));
    const disabled = await eventually(async () => {
      await page.goto(app.url);
      return (await page.getByTestId('revision').textContent()) === '2';
    });
    expect(disabled).toBe(true);
    expect(await page.getByTestId('buy').isDisabled()).toBe(true);
    expect(await page.getByTestId('checkout-paused').isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS_DIR, '5-kill-switch-off.png'), fullPage: true });
  }, SLOW);
});

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
