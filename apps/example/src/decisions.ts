// The shop's flags, decided for one visitor. Four flags go through the LaunchDarkly face on the visitor's context
// (a device, or after sign-in a multi-context of device and user); the pricing experiment goes through the Optimizely
// face, whose user id here is the device id, so the price it reads from the `price` variable is the one the purchase
// conversion (`trackEvent`) is attributed to.
import type { DecideOption, EnsignClient, EvaluationReason, EvaluationResult, LDEvaluationDetail } from '@ensign/node-sdk';
import type { Visitor } from './visitor.js';
import { visitorContext } from './visitor.js';

/** Flag keys of the example datafile. */
export const FLAGS = Object.freeze({
  heroBanner: 'hero-banner',
  pricing: 'pricing-experiment',
  checkout: 'checkout-enabled',
  shipping: 'free-shipping',
  perks: 'member-perks',
} as const);

/** The conversion event of the shop. */
export const PURCHASE_EVENT = 'purchase';

/** The hero banner's served value. */
export interface Banner {
  name: string;
  headline: string;
  subline: string;
  style: string;
}

const FALLBACK_BANNER: Banner = { name: 'fallback', headline: 'Welcome to the Ensign shop', subline: 'Good things, shipped fast.', style: 'calm' };
const FALLBACK_PRICE = 24;

/** What the shop page shows. */
export interface ShopDecisions {
  banner: Banner;
  /** Index of the banner's variation, null when the fallback is shown. */
  bannerVariationIndex: number | null;
  price: number;
  pricingVariation: string | null;
  checkoutEnabled: boolean;
  shipping: string;
  perks: string;
  revision: string | null;
}

/** One flag's decision as the debug page shows it. */
export interface FlagDecision {
  flagKey: string;
  face: 'launchdarkly' | 'optimizely';
  /** The call that made it, as code. */
  call: string;
  variationKey: string | null;
  value: unknown;
  reason: EvaluationReason | null;
  ruleKey: string | null;
  /** The evaluator's step-by-step messages, when the face asked for them. */
  reasons: string[];
  /** The evaluator's trace, when the SDK provides one. */
  trace: unknown;
}

/** The shop's decisions, and with `details` each flag's decision for the debug page. */
export interface Decided {
  shop: ShopDecisions;
  flags: FlagDecision[];
}

type Detail = LDEvaluationDetail;

/**
 * Decides every flag of the shop for a visitor. With `details`, also collects what the evaluator said about each flag
 * (through the client's `decision` hook) and records no pricing decision event (the debug page is not an exposure).
 *
 * @example
 * const { shop } = decideShop(client, visitor);
 */
export function decideShop(client: EnsignClient, visitor: Pick<Visitor, 'deviceId' | 'userId' | 'country'>, options: { details?: boolean } = {}): Decided {
  const details = options.details === true;
  const results = new Map<string, EvaluationResult>();
  const off = details ? client.on('decision', (event) => void results.set(event.flagKey, event.result)) : null;
  try {
    const context = visitorContext(visitor);
    const banner = client.variationDetail(FLAGS.heroBanner, context, null);
    const checkout = client.variationDetail(FLAGS.checkout, context, false);
    const shipping = client.variationDetail(FLAGS.shipping, context, 'Shipping: see checkout');
    const perks = client.variationDetail(FLAGS.perks, context, '');
    const decideOptions: DecideOption[] = details ? ['INCLUDE_REASONS', 'DISABLE_DECISION_EVENT'] : [];
    const pricing = shopper(client, visitor).decide(FLAGS.pricing, decideOptions);
    const price = pricing.variables['price'];

    const bannerValue = asBanner(banner.value);
    const shop: ShopDecisions = {
      banner: bannerValue,
      bannerVariationIndex: bannerValue === FALLBACK_BANNER ? null : banner.variationIndex,
      price: typeof price === 'number' && Number.isFinite(price) && price > 0 ? price : FALLBACK_PRICE,
      pricingVariation: pricing.variationKey,
      checkoutEnabled: checkout.value === true,
      shipping: typeof shipping.value === 'string' ? shipping.value : 'Shipping: see checkout',
      perks: typeof perks.value === 'string' ? perks.value : '',
      revision: banner.revision ?? pricing.revision,
    };
    if (!details) return { shop, flags: [] };

    const ld = (flagKey: string, detail: Detail, fallback: string): FlagDecision => ({
      flagKey,
      face: 'launchdarkly',
      call: `client.variationDetail('${flagKey}', context, ${fallback})`,
      variationKey: results.get(flagKey)?.variationKey ?? null,
      value: detail.value,
      reason: detail.reason,
      ruleKey: results.get(flagKey)?.ruleKey ?? null,
      reasons: results.get(flagKey)?.reasons ?? [],
      trace: results.get(flagKey)?.trace ?? null,
    });
    const flags: FlagDecision[] = [
      ld(FLAGS.heroBanner, banner, 'null'),
      {
        flagKey: FLAGS.pricing,
        face: 'optimizely',
        call: `client.createUserContext(deviceId, attributes).decide('${FLAGS.pricing}', ['INCLUDE_REASONS'])`,
        variationKey: pricing.variationKey,
        value: pricing.variables,
        reason: results.get(FLAGS.pricing)?.reason ?? null,
        ruleKey: pricing.ruleKey,
        reasons: pricing.reasons,
        trace: results.get(FLAGS.pricing)?.trace ?? null,
      },
      ld(FLAGS.checkout, checkout, 'false'),
      ld(FLAGS.shipping, shipping, "'Shipping: see checkout'"),
      ld(FLAGS.perks, perks, "''"),
    ];
    return { shop, flags };
  } finally {
    off?.();
  }
}

/**
 * The Optimizely user context of a visitor: the user id is the device id (stable across sign-in), with the country
 * and whether the visitor is signed in as attributes. The pricing decision and the purchase both use it.
 *
 * @example
 * shopper(client, visitor).trackEvent('purchase', { revenue: 1900 });
 */
export function shopper(client: EnsignClient, visitor: Pick<Visitor, 'deviceId' | 'userId' | 'country'>): ReturnType<EnsignClient['createUserContext']> {
  return client.createUserContext(visitor.deviceId, { country: visitor.country, signedIn: visitor.userId !== null });
}

function asBanner(value: unknown): Banner {
  if (value === null || typeof value !== 'object') return FALLBACK_BANNER;
  const v = value as Record<string, unknown>;
  const text = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : null);
  const name = text('name');
  const headline = text('headline');
  if (name === null || headline === null) return FALLBACK_BANNER;
  return { name, headline, subline: text('subline') ?? '', style: text('style') ?? 'calm' };
}
