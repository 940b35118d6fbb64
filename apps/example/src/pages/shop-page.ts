// The shop: hero banner (A/B test), the mug at the price of the pricing experiment, shipping by country, member perks,
// the Buy button behind the kill switch, sign-in and country forms, and the last recorded purchases.
import type { SafeHtml } from '../html.js';
import { html } from '../html.js';
import type { ShopDecisions } from '../decisions.js';
import { COUNTRIES } from '../visitor.js';
import type { Country } from '../visitor.js';

/** A purchase as the page lists it. */
export interface PurchaseLine {
  id: string;
  timestamp: number;
  revenue: number | null;
  contextKey: string;
}

/** What the shop page needs. */
export interface ShopView {
  decisions: ShopDecisions;
  country: Country;
  userId: string | null;
  /** A notice after a redirect (`?bought=...`, `?paused=1`, ...). */
  notice: { kind: 'ok' | 'warn'; text: string } | null;
  /** Where events go: the NDJSON file, or the flag server. */
  eventsTarget: { kind: 'file'; path: string } | { kind: 'server'; url: string };
  /** The last purchases read back from the NDJSON file (empty when events go to a server). */
  purchases: PurchaseLine[];
}

/**
 * The body of the shop page.
 *
 * @example
 * layout(frame, shopPage(view));
 */
export function shopPage(view: ShopView): SafeHtml {
  const d = view.decisions;
  const price = d.price.toFixed(2);
  return html`
${view.notice === null ? '' : html`<div class="notice ${view.notice.kind}" data-testid="notice">${view.notice.text}</div>`}
<section class="hero ${d.banner.style}" data-testid="hero-banner" data-variation="${d.banner.name}" data-variation-index="${d.bannerVariationIndex ?? ''}">
  <div class="tag">hero-banner · ${d.banner.name}</div>
  <h1>${d.banner.headline}</h1>
  <p>${d.banner.subline}</p>
</section>
<div class="grid2">
  <section class="card">
    <div class="product">
      <div class="art"><svg viewBox="0 0 64 64" width="72" height="72" aria-hidden="true"><path d="M14 20h30v22a10 10 0 0 1-10 10H24a10 10 0 0 1-10-10z" fill="#2f5bea"/><path d="M44 25h4a7 7 0 0 1 0 14h-4" fill="none" stroke="#2f5bea" stroke-width="4"/><path d="M22 8c0 4 4 4 4 8M30 8c0 4 4 4 4 8" fill="none" stroke="#9aa7c7" stroke-width="2.5" stroke-linecap="round"/><rect x="19" y="28" width="20" height="4" rx="2" fill="#fff" opacity=".7"/></svg></div>
      <div>
        <h2 style="margin:0">The Ensign mug</h2>
        <div class="muted small">Stoneware · 350 ml · dishwasher-safe</div>
        <div class="price" data-testid="price" data-price="${d.price}" data-variation="${d.pricingVariation ?? ''}">€${price}</div>
        <div class="small"><span class="pill">pricing-experiment · ${d.pricingVariation ?? 'default'}</span></div>
      </div>
    </div>
    <p><span class="kv">Shipping</span> <span data-testid="shipping">${d.shipping}</span> <span class="pill">free-shipping</span></p>
    <p><span class="kv">Perks</span> <span data-testid="perks">${d.perks}</span> <span class="pill">member-perks</span></p>
    <form method="post" action="/buy">
      <button type="submit" data-testid="buy" ${d.checkoutEnabled ? '' : 'disabled'}>Buy for €${price}</button>
      ${d.checkoutEnabled ? '' : html`<span class="muted small" data-testid="checkout-paused"> Checkout is paused (kill switch <code>checkout-enabled</code> is off).</span>`}
    </form>
  </section>
  <section class="card">
    <h3 style="margin-top:0">You</h3>
    ${
      view.userId === null
        ? html`<form class="inline" method="post" action="/sign-in"><input name="user" placeholder="user name (letters, digits, - _)" required pattern="[A-Za-z0-9_\\-]{1,64}" data-testid="user-input"><button type="submit" data-testid="sign-in">Sign in</button></form>
      <div class="muted small">Signing in adds a <code>user</code> context beside the <code>device</code> one (a multi-context).</div>`
        : html`<form class="inline" method="post" action="/sign-out"><span>Signed in as <strong>${view.userId}</strong></span><button class="secondary" type="submit" data-testid="sign-out">Sign out</button></form>`
    }
    <form class="inline" method="post" action="/country">
      <label for="country">Ship to</label>
      <select id="country" name="country" data-testid="country">${Object.entries(COUNTRIES).map(([code, name]) => html`<option value="${code}" ${code === view.country ? 'selected' : ''}>${name}</option>`)}</select>
      <button class="secondary" type="submit" data-testid="set-country">Update</button>
    </form>
    <div class="muted small">Datafile revision <code data-testid="revision">${d.revision ?? 'none'}</code> · <a href="/debug">why am I seeing this?</a></div>
  </section>
</div>
<section class="card">
  <h3 style="margin-top:0">Recorded purchases</h3>
  ${
    view.eventsTarget.kind === 'server'
      ? html`<p class="muted">Events go to the flag server at <code>${view.eventsTarget.url}</code>. See <a href="/results">the experiment's results</a>.</p>`
      : view.purchases.length === 0
        ? html`<p class="muted" data-testid="recorded-conversions">No purchase yet. Conversions are written to <code>${view.eventsTarget.path}</code>.</p>`
        : html`<table data-testid="recorded-conversions"><tr><th>when</th><th>event</th><th>revenue (cents)</th><th>context key</th></tr>
          ${view.purchases.map((p) => html`<tr data-event-id="${p.id}"><td>${new Date(p.timestamp).toISOString().replace('T', ' ').slice(0, 19)}</td><td>purchase</td><td>${p.revenue ?? ''}</td><td><code>${p.contextKey}</code></td></tr>`)}
        </table><p class="muted small">From <code>${view.eventsTarget.path}</code>; every event is on the <a href="/events">events page</a>.</p>`
  }
</section>`;
}
