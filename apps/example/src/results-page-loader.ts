// Fetches the results (when a flag server is configured) and renders the results page body.
import type { SafeHtml } from './html.js';
import { resultsPage as render } from './pages/results-page.js';
import { fetchResults } from './results.js';

/**
 * The results page body for a flag: drawn from the flag server when one is configured, else how to configure one.
 *
 * @example
 * await resultsPage({ url: 'http://127.0.0.1:8787', sdkKey }, 'pricing-experiment', 'purchase');
 */
export async function resultsPage(server: { url: string; sdkKey: string } | null, flagKey: string, eventKey: string): Promise<SafeHtml> {
  if (server === null) return render(null, flagKey, eventKey, null);
  return render(await fetchResults(server.url, server.sdkKey, flagKey), flagKey, eventKey, server.url);
}
