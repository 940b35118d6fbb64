// The events page: the last events the SDK delivered to the local NDJSON file, newest first.
import type { EnsignEvent } from '@ensign/node-sdk';
import type { SafeHtml } from '../html.js';
import { html } from '../html.js';

/**
 * The body of the events page.
 *
 * @example
 * layout(frame, eventsPage(events, '.data/events.ndjson', null));
 */
export function eventsPage(events: EnsignEvent[], filePath: string | null, serverUrl: string | null): SafeHtml {
  if (filePath === null) {
    return html`<section class="card"><h2 style="margin-top:0">Events</h2><p>Events are delivered to the flag server at <code>${serverUrl ?? ''}</code>, not to a local file. See <a href="/results">the results</a>.</p></section>`;
  }
  return html`<section class="card">
  <h2 style="margin-top:0">Events</h2>
  <p class="muted">The last ${events.length} event(s) of <code>${filePath}</code>, newest first. The SDK batches events (flushed every second here, and at once after a purchase).</p>
  <table data-testid="events">
    <tr><th>kind</th><th>when</th><th>event</th></tr>
    ${events.map((e) => html`<tr data-kind="${e.kind}"><td><span class="pill">${e.kind}</span></td><td class="small">${new Date(e.timestamp).toISOString().slice(11, 19)}</td><td><pre>${JSON.stringify(e)}</pre></td></tr>`)}
  </table>
</section>`;
}
