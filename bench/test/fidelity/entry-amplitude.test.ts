// Differential test of `@ensign/node-sdk/amplitude`: Amplitude's local-evaluation quick start through the Ensign
// entry (`Experiment.initializeLocal`, `start()`, `evaluateV2(user)`), on a flag server on 127.0.0.1 serving the flag
// configs converted by `@ensign/importers`, against what Amplitude's Node SDK answers for the same configs: its
// `EvaluationEngine` (`@amplitude/experiment-core`) over `topologicalSort`, the user as its evaluation context, the
// results as Node SDK variants (value as a string). `@amplitude/experiment-node-server` itself is not installed.
import { Experiment, LogLevel } from '@ensign/node-sdk/amplitude';
import type { Variant } from '@ensign/node-sdk/amplitude';
import { importAmplitudeFlags } from '@ensign/importers/amplitude';
import { EvaluationEngine, topologicalSort, type EvaluationFlag, type EvaluationVariant } from '@amplitude/experiment-core';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { amplitudeFlags } from '../../src/peers/amplitude.js';
import { userCountry, userId, userPlan } from '../../src/workload/users.js';

const FLAGS = 20;
const USERS = 300;
const DEPLOYMENT_KEY = 'server-entry-differential';

/** A Node SDK variant as compared: empty metadata counts as none (the fidelity work settles `{}` separately). */
function comparable(variant: { key?: string; value?: unknown; payload?: unknown; metadata?: Record<string, unknown> } | undefined): Record<string, unknown> | null {
  if (variant === undefined) return null;
  const out: Record<string, unknown> = {};
  if (variant.key !== undefined) out['key'] = variant.key;
  if (variant.value !== undefined && variant.value !== null) out['value'] = typeof variant.value === 'string' ? variant.value : JSON.stringify(variant.value);
  if (variant.payload !== undefined) out['payload'] = variant.payload;
  if (variant.metadata !== undefined && Object.keys(variant.metadata).length > 0) out['metadata'] = variant.metadata;
  return out;
}

/** What Amplitude's Node SDK `evaluateV2(user)` answers: the engine over every flag, each result as a variant. */
function amplitudeAnswers(flags: readonly EvaluationFlag[], user: Record<string, unknown>): Record<string, unknown> {
  const byKey = Object.fromEntries(flags.map((f) => [f.key, f]));
  const results = new EvaluationEngine().evaluate({ user }, topologicalSort(byKey)) as Record<string, EvaluationVariant>;
  return Object.fromEntries(Object.entries(results).map(([key, v]) => [key, comparable(v as never)]));
}

function ensignAnswers(variants: Record<string, Variant>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(variants).map(([key, v]) => [key, comparable(v as never)]));
}

describe('@ensign/node-sdk/amplitude against Amplitude local evaluation', () => {
  it(`evaluates ${FLAGS} flags for ${USERS} users as Amplitude does, through its own quick start`, async () => {
    const flags = amplitudeFlags(FLAGS);
    const imported = importAmplitudeFlags(flags as never);
    if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
    const body = JSON.stringify(imported.datafile);
    const server = createServer((req, res) => {
      // The path alone: the SDK asks for `?encoding=compact`, which a server that does not know it ignores.
      if (req.url?.split('?')[0] === `/v1/datafiles/${DEPLOYMENT_KEY}.json`) res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      // The vendor's quick start, with serverUrl naming the flag server.
      const experiment = Experiment.initializeLocal(DEPLOYMENT_KEY, { serverUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, logLevel: LogLevel.Error });
      await experiment.start();
      const mismatches: unknown[] = [];
      const served = new Set<string>();
      for (let n = 0; n < USERS; n++) {
        const user = { user_id: userId(n), country: userCountry(n), user_properties: { plan: userPlan(n) } };
        const theirs = amplitudeAnswers(flags, user);
        const ours = ensignAnswers(experiment.evaluateV2(user));
        for (const v of Object.values(theirs)) served.add(JSON.stringify(v));
        if (JSON.stringify(ours, Object.keys(ours).sort()) !== JSON.stringify(theirs, Object.keys(theirs).sort())) mismatches.push({ user, theirs, ours });
        if (mismatches.length >= 3) break;
      }
      experiment.stop();
      await experiment.ensign.close();
      expect(mismatches).toEqual([]);
      expect(served.size).toBeGreaterThan(1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
