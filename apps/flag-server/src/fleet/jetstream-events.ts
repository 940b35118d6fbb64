import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '@ensign/common';
import type { IncomingEvent } from '../events/validate-batch.js';

/** The default JetStream stream the ingest publishes to and the aggregator reads. */
export const DEFAULT_EVENTS_STREAM = 'ENSIGN_EVENTS';

/** The subject of a stream's events: `ensign.events.<stream>`. */
export function eventsSubject(stream: string): string {
  return `ensign.events.${stream}`;
}

/** One event as published: the environment and batch travel with it. */
export interface PublishedEvent {
  environment: string;
  batchId: string;
  receivedAt: number;
  event: IncomingEvent;
}

/** Options of {@link connectJetStream}. */
export interface JetStreamOptions {
  /** `nats://…` URL(s), comma-separated. */
  url: string;
  logger: Logger;
  /** The stream's duplicate window, ms: a retried event id within it is stored once. Default 10 minutes. */
  duplicateWindowMs?: number;
  /** Longest wait for one publish acknowledgement, ms. Default 5 000. */
  publishTimeoutMs?: number;
  /** The stream's name (letters, digits, `_`, `-`). Default `ENSIGN_EVENTS`. */
  stream?: string;
  /** Name of the connection shown by the NATS server. */
  name?: string;
}

/** A connection to JetStream with the events stream in place. */
export interface JetStreamEvents {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  /** The stream's name. */
  readonly stream: string;
  /** Whether the connection is up now (not reconnecting or closed). */
  available(): boolean;
  /**
   * Publishes each event with `<environment>:<event id>` as the message id and resolves once every publish is
   * acknowledged: `accepted` stored now, `duplicates` JetStream recognised within its duplicate window. Rejects when
   * an acknowledgement does not come (the caller answers 503; the client retries and the duplicate window keeps
   * the retry from counting twice).
   */
  publish(environment: string, batchId: string, events: readonly IncomingEvent[]): Promise<{ accepted: number; duplicates: number }>;
  close(): Promise<void>;
}

const encoder = new TextEncoder();

/**
 * Connects to NATS (reconnecting forever) and creates or updates the events stream: file storage, subject
 * `ensign.events.ingest`, the duplicate window given.
 *
 * @throws the connection error when NATS cannot be reached at start.
 * @example
 * const events = await connectJetStream({ url: 'nats://127.0.0.1:4222', logger });
 * await events.publish('production', batchId, batch.events); // { accepted: 10, duplicates: 0 }
 */
export async function connectJetStream(options: JetStreamOptions): Promise<JetStreamEvents> {
  const { logger } = options;
  const nc = await connect({ servers: options.url.split(','), name: options.name ?? 'ensign-flag-server', maxReconnectAttempts: -1, reconnectTimeWait: 250, pingInterval: 5_000 });
  let up = true;
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnecting') {
        if (up) logger.warn(`NATS connection lost; reconnecting (event ingest answers 503 meanwhile)`);
        up = false;
      } else if (status.type === 'reconnect') {
        up = true;
        logger.info('NATS connection restored');
      }
    }
  })().catch(() => undefined);
  const stream = options.stream ?? DEFAULT_EVENTS_STREAM;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(stream)) throw new TypeError('the stream name must be 1-64 letters, digits, _ or -');
  const subject = eventsSubject(stream);
  const jsm = await jetstreamManager(nc);
  const config = {
    name: stream,
    subjects: [subject],
    storage: StorageType.File,
    duplicate_window: nanos(options.duplicateWindowMs ?? 10 * 60_000),
  };
  try {
    await jsm.streams.info(stream);
    await jsm.streams.update(stream, { subjects: config.subjects, duplicate_window: config.duplicate_window });
  } catch {
    await jsm.streams.add(config);
  }
  const js = jetstream(nc);
  const timeout = options.publishTimeoutMs ?? 5_000;
  return {
    nc,
    js,
    jsm,
    stream,
    available: () => up && !nc.isClosed(),
    async publish(environment, batchId, events) {
      const receivedAt = Date.now();
      let accepted = 0;
      let duplicates = 0;
      // Pipelined in chunks: one batch of 50 000 events must not open 50 000 pending requests at once.
      for (let i = 0; i < events.length; i += 1_000) {
        const acks = await Promise.all(
          events.slice(i, i + 1_000).map((event) => {
            const message: PublishedEvent = { environment, batchId, receivedAt, event };
            return js.publish(subject, encoder.encode(JSON.stringify(message)), { msgID: `${environment}:${event.id}`, timeout });
          }),
        );
        for (const ack of acks) {
          if (ack.duplicate) duplicates++;
          else accepted++;
        }
      }
      return { accepted, duplicates };
    },
    async close() {
      if (nc.isClosed()) return;
      // Draining waits for the server: while it is unreachable, close at once (nothing is in flight that was acked).
      if (up) await nc.drain().catch(() => nc.close());
      else await nc.close();
    },
  };
}
