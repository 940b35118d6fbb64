import { describe, expect, it } from 'vitest';
import { parseResults, renderResultsSvg } from './results.js';

const good = {
  flagKey: 'pricing-experiment',
  environment: 'example',
  variations: [
    { variationKey: 'standard', exposures: 100, conversions: { purchase: { users: 10, rate: 0.1, interval: [0.05, 0.17] } } },
    { variationKey: 'discount', exposures: 100, conversions: { purchase: { users: 20, rate: 0.2, interval: [0.13, 0.29] } } },
    { variationKey: '<b>new</b>', exposures: 3, conversions: {} },
  ],
};

describe('parseResults', () => {
  it('accepts the results contract and rejects other shapes', () => {
    expect(parseResults(good)?.variations.map((v) => v.variationKey)).toEqual(['standard', 'discount', '<b>new</b>']);
    const broken = (patch: (doc: typeof good) => unknown) => parseResults(patch(structuredClone(good)));
    expect(broken(() => null)).toBeNull();
    expect(broken((d) => ({ ...d, variations: 'x' }))).toBeNull();
    expect(broken((d) => ((d.variations[0]!.exposures = -1), d))).toBeNull();
    expect(broken((d) => ((d.variations[0]!.conversions.purchase!.rate = 1.5), d))).toBeNull();
    expect(broken((d) => ((d.variations[0]!.conversions.purchase!.interval = [0.2, 0.1]), d))).toBeNull();
  });
});

describe('renderResultsSvg', () => {
  it('draws bars proportional to the rates, a whisker per interval, and escapes labels', () => {
    const svg = renderResultsSvg(parseResults(good)!, 'purchase');
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[1]! / widths[0]!).toBeCloseTo(2, 1);
    expect(svg.match(/data-interval="/g)).toHaveLength(2);
    expect(svg).toContain('&lt;b&gt;new&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('no purchase events yet');
  });
});
