// The debug page: each flag's decision for this visitor (face, call, variation, value, reason, the evaluator's steps),
// the context evaluated, the datafile revision and the client's status.
import type { ClientStatus } from '@ensign/node-sdk';
import type { SafeHtml } from '../html.js';
import { html } from '../html.js';
import type { FlagDecision } from '../decisions.js';

/** What the debug page needs. */
export interface DebugView {
  flags: FlagDecision[];
  context: Record<string, unknown>;
  optimizelyUser: { userId: string; attributes: Record<string, unknown> };
  status: ClientStatus;
  datafilePath: string;
  eventsTarget: string;
}

/**
 * The body of the debug page.
 *
 * @example
 * layout(frame, debugPage(view));
 */
export function debugPage(view: DebugView): SafeHtml {
  const s = view.status;
  const events = s.events;
  return html`
<section class="card">
  <h2 style="margin-top:0">Flags for this visitor</h2>
  <table data-testid="flag-table">
    <tr><th>flag</th><th>variation · value</th><th>reason</th><th>trace</th></tr>
    ${view.flags.map(
      (f) => html`<tr data-flag="${f.flagKey}" data-variation="${f.variationKey ?? ''}">
      <td><strong>${f.flagKey}</strong><br><span class="pill">${f.face} face</span><pre>${f.call}</pre></td>
      <td><code>${f.variationKey ?? '(default)'}</code><pre>${JSON.stringify(f.value, null, 1)}</pre></td>
      <td data-testid="reason-${f.flagKey}"><code>${f.reason?.kind ?? 'n/a'}</code>${reasonDetails(f)}</td>
      <td>${traceOf(f)}</td>
    </tr>`,
    )}
  </table>
</section>
<div class="grid2">
  <section class="card">
    <h3 style="margin-top:0">Context evaluated</h3>
    <div class="small muted">LaunchDarkly face (hero-banner, checkout-enabled, free-shipping, member-perks):</div>
    <pre data-testid="context">${JSON.stringify(view.context, null, 2)}</pre>
    <div class="small muted">Optimizely face (pricing-experiment, purchase): user id = device id</div>
    <pre>${JSON.stringify(view.optimizelyUser, null, 2)}</pre>
  </section>
  <section class="card" data-testid="client-status">
    <h3 style="margin-top:0">Client status</h3>
    <table>
      <tr><th>datafile revision</th><td><code data-testid="status-revision">${s.revision ?? 'none'}</code></td></tr>
      <tr><th>source</th><td>${s.source ?? 'none'} <span class="muted small">${view.datafilePath}</span></td></tr>
      <tr><th>age</th><td>${s.ageMs === null ? 'n/a' : `${(s.ageMs / 1000).toFixed(1)} s`} · ${s.updates} datafile(s) applied</td></tr>
      <tr><th>ready</th><td>${String(s.ready)}</td></tr>
      <tr><th>last error</th><td>${s.lastError === null ? 'none' : html`<code>${s.lastError.path ?? ''}</code> ${s.lastError.message}`}</td></tr>
      <tr><th>events</th><td data-testid="event-stats">${
        events === null
          ? 'off'
          : html`queued ${events.queued} · sent ${events.sent} · retried ${events.retried} · failed ${events.failed} · dropped ${events.dropped}`
      }<br><span class="muted small">to ${view.eventsTarget}</span></td></tr>
    </table>
  </section>
</div>`;
}

function reasonDetails(f: FlagDecision): SafeHtml {
  const r = (f.reason ?? {}) as unknown as Record<string, unknown>;
  const facts: string[] = [];
  for (const key of ['ruleIndex', 'ruleId', 'inExperiment', 'errorKind', 'prerequisiteKey', 'holdoutKey', 'forced']) {
    if (r[key] !== undefined) facts.push(`${key}: ${JSON.stringify(r[key])}`);
  }
  if (f.ruleKey !== null) facts.push(`ruleKey: ${JSON.stringify(f.ruleKey)}`);
  return facts.length === 0 ? html`` : html`<pre>${facts.join('\n')}</pre>`;
}

function traceOf(f: FlagDecision): SafeHtml {
  if (f.trace !== null && f.trace !== undefined) return html`<pre>${JSON.stringify(f.trace, null, 1)}</pre>`;
  if (f.reasons.length > 0) return html`<ol class="steps">${f.reasons.map((m) => html`<li>${m}</li>`)}</ol>`;
  return html`<span class="muted small">${stepsFromReason(f)}</span>`;
}

// What the reason alone says about the path taken, for faces whose calls carry no step messages.
function stepsFromReason(f: FlagDecision): string {
  const r = f.reason;
  if (r === null) return 'no reason';
  switch (r.kind) {
    case 'OFF':
      return 'flag is off → off variation';
    case 'FALLTHROUGH':
      return 'no target or rule matched → fallthrough' + ('inExperiment' in r && r.inExperiment ? ' (bucketed in the experiment)' : '');
    case 'RULE_MATCH':
      return `rule ${'ruleIndex' in r ? `#${String(r.ruleIndex)}` : ''} matched → its variation`;
    case 'TARGET_MATCH':
      return 'the context key is targeted individually';
    case 'PREREQUISITE_FAILED':
      return 'a prerequisite flag did not serve the required variation';
    default:
      return 'evaluation error → default value';
  }
}
