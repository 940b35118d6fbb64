import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from './context.js';

/**
 * `GET /healthz` (the process answers: 200 `{ "status": "ok" }`) and `GET /readyz` (200 when `keys.json` has
 * loaded and every environment it names has a datafile, else 503; 503 during shutdown), with the revision of each
 * environment.
 *
 * @example
 * registerHealthRoutes(app, deps);
 */
export function registerHealthRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get('/healthz', async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const readiness = deps.store.readiness();
    const ready = readiness.ready && !deps.closing();
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ ready, closing: deps.closing(), keysLoaded: readiness.keysLoaded, environments: readiness.environments });
  });
}
