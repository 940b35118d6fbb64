// The shop's routes: pages (GET) and the forms they post (sign-in, sign-out, country, buy).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DeviceIdSigner } from '@ensign/cookie-utils';
import { DEVICE_ID_PATTERN, expireCookie, serializeSetCookie } from '@ensign/cookie-utils';
import type { EnsignClient } from '@ensign/node-sdk';
import { decideShop, FLAGS, PURCHASE_EVENT, shopper } from './decisions.js';
import type { SafeHtml } from './html.js';
import { html } from './html.js';
import { readRecentEvents } from './ndjson-dispatcher.js';
import { debugPage } from './pages/debug-page.js';
import { eventsPage } from './pages/events-page.js';
import { layout } from './pages/layout.js';
import type { Frame } from './pages/layout.js';
import { resultsPage } from './results-page-loader.js';
import { shopPage } from './pages/shop-page.js';
import type { PurchaseLine } from './pages/shop-page.js';
import type { Visitor } from './visitor.js';
import { countryOf, COUNTRY_COOKIE, resolveVisitor, USER_COOKIE, visitorContext } from './visitor.js';

/** Everything a route needs. */
export interface RouteDeps {
  client: EnsignClient;
  /** Signs device-id cookies. */
  signer: DeviceIdSigner;
  /** Signs the user cookie, with its own key: a signed user name is never a valid device id. */
  userSigner: DeviceIdSigner;
  amplitudeApiKey: string;
  secureCookies: boolean;
  datafilePath: string;
  /** The NDJSON file events go to, or null when they go to the flag server. */
  eventsFile: string | null;
  server: { url: string; sdkKey: string } | null;
}

const MAX_FORM_BYTES = 8 * 1024;
const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

/**
 * Handles one request. Never rejects: an unexpected failure answers 500 with a short page.
 *
 * @example
 * createServer((req, res) => void handleRequest(req, res, deps));
 */
export async function handleRequest(req: IncomingMessage, res: ServerResponse, deps: RouteDeps): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return send(res, 200, 'text/plain; charset=utf-8', 'ok\n', []);
    const visitor = await resolveVisitor(req.headers.cookie, { signer: deps.signer, userSigner: deps.userSigner, amplitudeApiKey: deps.amplitudeApiKey, secure: deps.secureCookies });
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    switch (route) {
      case 'GET /':
        return page(res, visitor, deps, 'shop', 'Shop', await shopBody(visitor, deps, url));
      case 'GET /debug':
        return page(res, visitor, deps, 'debug', 'Debug', debugBody(visitor, deps));
      case 'GET /events': {
        const events = deps.eventsFile === null ? [] : await readRecentEvents(deps.eventsFile, 200);
        return page(res, visitor, deps, 'events', 'Events', eventsPage(events, deps.eventsFile, deps.server?.url ?? null));
      }
      case 'GET /results':
        return page(res, visitor, deps, 'results', 'Results', await resultsPage(deps.server, FLAGS.pricing, PURCHASE_EVENT));
      case 'POST /sign-in': {
        const user = (await readForm(req)).get('user')?.trim() ?? '';
        if (!DEVICE_ID_PATTERN.test(user) || user.length > 64) return redirect(res, '/?error=user', visitor.setCookies);
        const cookie = serializeSetCookie(USER_COOKIE, await deps.userSigner.sign(user), { path: '/', httpOnly: true, sameSite: 'Lax', secure: deps.secureCookies, maxAge: 7 * 86_400 });
        return redirect(res, '/?signed-in=1', [...visitor.setCookies, cookie]);
      }
      case 'POST /sign-out':
        return redirect(res, '/', [...visitor.setCookies, expireCookie(USER_COOKIE, { path: '/' })]);
      case 'POST /country': {
        const country = countryOf((await readForm(req)).get('country'));
        const cookie = serializeSetCookie(COUNTRY_COOKIE, country, { path: '/', sameSite: 'Lax', secure: deps.secureCookies, maxAge: 365 * 86_400 });
        return redirect(res, '/', [...visitor.setCookies, cookie]);
      }
      case 'POST /buy':
        return redirect(res, await buy(visitor, deps), visitor.setCookies);
      default:
        return page(res, visitor, deps, 'shop', 'Not found', html`<section class="card"><h2>Not found</h2><p><a href="/">Back to the shop</a></p></section>`, 404);
    }
  } catch (error) {
    if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `Something went wrong: ${error instanceof Error ? error.message : String(error)}\n`, []);
    else res.end();
  }
}

async function buy(visitor: Visitor, deps: RouteDeps): Promise<string> {
  const { shop } = decideShop(deps.client, visitor);
  if (!shop.checkoutEnabled) return '/?paused=1';
  const revenue = Math.round(shop.price * 100); // Optimizely's convention: revenue in cents
  shopper(deps.client, visitor).trackEvent(PURCHASE_EVENT, { revenue, value: shop.price, currency: 'EUR', price_variation: shop.pricingVariation ?? 'default' });
  // Deliver now, so the conversion is in the file (or on the server) when the page comes back.
  await deps.client.flush({ timeoutMs: 2_000 });
  return `/?bought=${revenue}`;
}

async function shopBody(visitor: Visitor, deps: RouteDeps, url: URL): Promise<SafeHtml> {
  const { shop } = decideShop(deps.client, visitor);
  const purchases: PurchaseLine[] = [];
  if (deps.eventsFile !== null) {
    for (const event of await readRecentEvents(deps.eventsFile, 500)) {
      if (event.kind !== 'conversion' || event.eventKey !== PURCHASE_EVENT) continue;
      purchases.push({ id: event.id, timestamp: event.timestamp, revenue: event.revenue, contextKey: String(event.context['key'] ?? '') });
      if (purchases.length === 5) break;
    }
  }
  return shopPage({
    decisions: shop,
    country: visitor.country,
    userId: visitor.userId,
    notice: noticeOf(url),
    eventsTarget: deps.eventsFile === null ? { kind: 'server', url: deps.server?.url ?? '' } : { kind: 'file', path: deps.eventsFile },
    purchases,
  });
}

function debugBody(visitor: Visitor, deps: RouteDeps): SafeHtml {
  const { flags } = decideShop(deps.client, visitor, { details: true });
  return debugPage({
    flags,
    context: visitorContext(visitor),
    optimizelyUser: { userId: visitor.deviceId, attributes: { country: visitor.country, signedIn: visitor.userId !== null } },
    status: deps.client.getStatus(),
    datafilePath: deps.datafilePath,
    eventsTarget: deps.eventsFile ?? `${deps.server?.url ?? ''}/v1/events/bulk`,
  });
}

function noticeOf(url: URL): { kind: 'ok' | 'warn'; text: string } | null {
  const bought = url.searchParams.get('bought');
  if (bought !== null && /^\d{1,9}$/.test(bought)) {
    return { kind: 'ok', text: `Thank you! Your order of €${(Number(bought) / 100).toFixed(2)} was recorded as a "purchase" conversion (revenue ${bought} cents).` };
  }
  if (url.searchParams.has('paused')) return { kind: 'warn', text: 'Checkout is paused right now: nothing was bought.' };
  if (url.searchParams.get('error') === 'user') return { kind: 'warn', text: 'A user name is 1 to 64 letters, digits, "-" or "_".' };
  if (url.searchParams.has('signed-in')) return { kind: 'ok', text: 'Signed in: your decisions now use a multi-context of your device and your user.' };
  return null;
}

function page(res: ServerResponse, visitor: Visitor, deps: RouteDeps, active: Frame['active'], title: string, body: SafeHtml, status = 200): void {
  const frame: Frame = { title, active, serverConfigured: deps.server !== null, deviceId: visitor.deviceId, userId: visitor.userId };
  send(res, status, 'text/html; charset=utf-8', layout(frame, body).html, visitor.setCookies);
}

function redirect(res: ServerResponse, location: string, cookies: string[]): void {
  res.writeHead(303, { location, ...SECURITY_HEADERS, ...(cookies.length > 0 ? { 'set-cookie': cookies } : {}) });
  res.end();
}

function send(res: ServerResponse, status: number, type: string, body: string, cookies: string[]): void {
  res.writeHead(status, { 'content-type': type, ...SECURITY_HEADERS, ...(cookies.length > 0 ? { 'set-cookie': cookies } : {}) });
  res.end(body);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return new URLSearchParams();
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
