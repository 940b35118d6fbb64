// Shared set-up of the node-sdk tests: a client on the example datafile with a recording logger, a fake
// scheduler and clock, and a fake event dispatcher, so tests see every log line and every event.
import { createFakeScheduler } from '@ensign/common/testing';
import type { FakeScheduler } from '@ensign/common/testing';
import type { EnsignEvent, EventKind } from '@ensign/event-pipeline';
import { createFakeDispatcher, createRecordingLogger } from '@ensign/event-pipeline/testing';
import type { FakeDispatcher, RecordingLogger } from '@ensign/event-pipeline/testing';
import { createClient, exampleDatafile } from './client.js';
import type { ClientOptions, EnsignClient } from './client.js';

export interface TestClient {
  client: EnsignClient;
  logger: RecordingLogger;
  dispatcher: FakeDispatcher;
  scheduler: FakeScheduler;
  /** Flushes and returns the events delivered so far, optionally of one kind. */
  events(kind?: EventKind): Promise<EnsignEvent[]>;
}

/** A client on the example datafile (unless `overrides` says otherwise), with events to a fake dispatcher. */
export function makeClient(overrides: Partial<ClientOptions> = {}): TestClient {
  const logger = createRecordingLogger();
  const dispatcher = createFakeDispatcher();
  const scheduler = createFakeScheduler();
  const options: ClientOptions = {
    logger,
    scheduler,
    clock: scheduler.clock,
    eventDispatcher: dispatcher,
    ...(overrides.datafilePath === undefined ? { datafile: exampleDatafile } : {}),
    ...overrides,
  };
  const client = createClient(options);
  return {
    client,
    logger,
    dispatcher,
    scheduler,
    async events(kind) {
      await client.flush();
      const all = dispatcher.delivered();
      return kind === undefined ? all : all.filter((e) => e.kind === kind);
    },
  };
}

/** Log lines of a level. */
export function linesAt(logger: RecordingLogger, level: 'debug' | 'info' | 'warn' | 'error'): string[] {
  return logger.lines.filter((l) => l.level === level).map((l) => l.message);
}

/** A US pro user: in the audience of the `checkout-redesign` experiment. */
export const US_PRO = { country: 'US', plan: 'pro' } as const;

/** The example datafile with one change, as a deep copy. */
export function exampleWith(change: (datafile: typeof exampleDatafile) => void): typeof exampleDatafile {
  const copy = structuredClone(exampleDatafile);
  change(copy);
  return copy;
}
