// sdk-core's HTTP dispatcher on the Node platform's HttpClient and gzip, as createClient wires it.
import type { HttpDispatcherOptions } from '../../src/index.js';
import { createHttpDispatcher, createNodeHttpClient, nodeGzip } from '../../src/index.js';

export function createNodeDispatcher(options: Omit<HttpDispatcherOptions, 'http' | 'gzip'> & Partial<Pick<HttpDispatcherOptions, 'gzip'>>) {
  return createHttpDispatcher({ http: createNodeHttpClient(), gzip: nodeGzip, ...options });
}
