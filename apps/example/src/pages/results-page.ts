// The results page: the pricing experiment's conversion rates drawn from the flag server's results endpoint.
import type { SafeHtml } from '../html.js';
import { html, raw } from '../html.js';
import type { ResultsAnswer } from '../results.js';
import { renderResultsSvg } from '../results.js';

/**
 * The body of the results page.
 *
 * @example
 * layout(frame, resultsPage(await fetchResults(url, key, 'pricing-experiment'), 'pricing-experiment', 'purchase', url));
 */
export function resultsPage(answer: ResultsAnswer | null, flagKey: string, eventKey: string, serverUrl: string | null): SafeHtml {
  if (answer === null || serverUrl === null) {
    return html`<section class="card"><h2 style="margin-top:0">Results</h2>
<p>No flag server is configured. Start one and run the shop with <code>ENSIGN_SERVER_URL</code> and <code>ENSIGN_SDK_KEY</code> set: events then go to the server, and this page draws the experiment's results from it.</p></section>`;
  }
  if (!answer.ok) {
    return html`<section class="card"><h2 style="margin-top:0">Results of <code>${flagKey}</code></h2><div class="notice warn" data-testid="results-error">${answer.message}</div></section>`;
  }
  const r = answer.results;
  return html`<section class="card">
  <h2 style="margin-top:0">Results of <code>${r.flagKey}</code> <span class="pill">${r.environment}</span></h2>
  <p class="muted">Share of exposed users who made a <code>${eventKey}</code>, per variation, with its 95 % interval (from <code>${serverUrl}</code>).</p>
  ${raw(renderResultsSvg(r, eventKey))}
</section>`;
}
