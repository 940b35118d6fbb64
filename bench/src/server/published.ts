// What the vendors publish about their relay services, for the report. Only figures found in their own material are
// quoted; where none exist in a comparable form, the report says so rather than invent a comparison.

/** One published reference. */
export interface PublishedFigure {
  product: string;
  figure: string;
  source: string;
}

/** The references the server benchmark prints beside its own numbers. */
export const PUBLISHED: readonly PublishedFigure[] = Object.freeze([
  {
    product: 'LaunchDarkly Relay Proxy',
    figure:
      'no requests/s or p99 at a fixed connection count is published; LaunchDarkly publishes CPU, memory, bandwidth and median/P90 ' +
      'latency per number of simulated SDKs (Locust, AWS m4.xlarge, 4 vCPU), and an idle Relay at about 11 MiB and near-zero CPU',
    source: 'https://docs.launchdarkly.com/home/relay-proxy/performance/',
  },
  {
    product: 'Optimizely Agent',
    figure: 'no throughput or latency figures found in its documentation or repository (optimizely/agent, docs/)',
    source: 'https://docs.developers.optimizely.com/full-stack-experimentation/docs/optimizely-agent',
  },
]);
