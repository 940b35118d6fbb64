import { mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@ensign/common';
import type { StoredLine } from './ndjson-files.js';
import { eventFileName, listEventFiles, readEventLines, syncDir } from './ndjson-files.js';
import type { IncomingEvent } from './validate-batch.js';

/** Counts of an environment's store. */
export interface EventStats {
  /** Events in the store (every one, rebuilt from the files on start). */
  accepted: number;
  /** Events refused as already stored, since this process started. */
  duplicates: number;
  /** Stored events per kind. */
  byKind: Record<string, number>;
}

/** What one append did. */
export interface AppendResult {
  accepted: number;
  duplicates: number;
}

/** Options of {@link createEventStore}. */
export interface EventStoreOptions {
  /** The folder holding one folder per environment. */
  dir: string;
  /** A file is closed and the next one started when it would grow past this many bytes. */
  maxFileBytes: number;
  logger: Logger;
}

/** The durable, deduplicating NDJSON store of ingested events. */
export interface EventStore {
  /** Rebuilds the id sets and counts from the files. */
  start(): Promise<void>;
  /**
   * Stores the events whose ids are new, durably (written and fsynced) before the promise resolves. Concurrent
   * appends of one environment share one write and one fsync.
   */
  append(environment: string, batchId: string, events: readonly IncomingEvent[]): Promise<AppendResult>;
  stats(environment: string): EventStats;
  /** Changes whenever an environment's store grows (for result caches). */
  version(environment: string): number;
  /** Reads every stored event of an environment, oldest first. */
  read(environment: string, onLine: (line: StoredLine) => void): Promise<void>;
  /** Finishes the appends already accepted, then closes the files; later appends are refused. */
  close(): Promise<void>;
}

interface Pending {
  batchId: string;
  events: readonly IncomingEvent[];
  resolve: (result: AppendResult) => void;
  reject: (error: Error) => void;
}

interface Environment {
  dir: string;
  ids: Set<string>;
  stats: EventStats;
  version: number;
  handle: FileHandle | null;
  size: number;
  seq: number;
  queue: Pending[];
  draining: Promise<void> | null;
}

/** The error of an append after `close()` (see {@link isStoreClosedError}). */
class StoreClosedError extends Error {
  override readonly name = 'StoreClosedError';
}

/**
 * Whether an append failed because the store is closed (the server is shutting down; the client should retry).
 *
 * @example
 * store.append(env, id, events).catch((error) => isStoreClosedError(error) ? reply503() : reply500());
 */
export function isStoreClosedError(error: unknown): boolean {
  return error instanceof StoreClosedError;
}

/**
 * Creates the event store: `<dir>/<environment>/events-NNNNNNNN.ndjson`, one JSON line per event
 * (`{ receivedAt, batchId, event }`). Event ids are remembered (all of them, rebuilt from the files on start) so an
 * event sent twice, before or after a restart, is stored once. Each process starts a new file; a file is rotated
 * when it would pass `maxFileBytes`.
 *
 * @example
 * const store = createEventStore({ dir: 'data/events', maxFileBytes: 64 << 20, logger });
 * await store.start();
 * await store.append('production', batch.batchId, batch.events); // { accepted: 10, duplicates: 0 }
 */
export function createEventStore(options: EventStoreOptions): EventStore {
  const { dir, logger } = options;
  const environments = new Map<string, Environment>();
  let closed = false;

  const environmentOf = (name: string): Environment => {
    let env = environments.get(name);
    if (!env) {
      env = { dir: join(dir, name), ids: new Set(), stats: { accepted: 0, duplicates: 0, byKind: {} }, version: 0, handle: null, size: 0, seq: 0, queue: [], draining: null };
      environments.set(name, env);
    }
    return env;
  };
  const count = (env: Environment, kind: string) => {
    const byKind = env.stats.byKind;
    Object.defineProperty(byKind, kind, { value: (Object.prototype.hasOwnProperty.call(byKind, kind) ? (byKind[kind] as number) : 0) + 1, enumerable: true, writable: true, configurable: true });
    env.stats.accepted++;
  };

  const rotate = async (env: Environment): Promise<void> => {
    await env.handle?.close();
    env.seq++;
    await mkdir(env.dir, { recursive: true });
    env.handle = await open(join(env.dir, eventFileName(env.seq)), 'a');
    env.size = 0;
    await syncDir(env.dir);
  };

  const writeGroup = async (env: Environment, group: Pending[]): Promise<void> => {
    const receivedAt = Date.now();
    const fresh = new Set<string>();
    const results: AppendResult[] = [];
    const stored: IncomingEvent[] = [];
    const chunks: string[] = [];
    for (const item of group) {
      const result: AppendResult = { accepted: 0, duplicates: 0 };
      for (const event of item.events) {
        if (env.ids.has(event.id) || fresh.has(event.id)) {
          result.duplicates++;
          continue;
        }
        fresh.add(event.id);
        stored.push(event);
        chunks.push(`${JSON.stringify({ receivedAt, batchId: item.batchId, event })}\n`);
        result.accepted++;
      }
      results.push(result);
    }
    if (chunks.length > 0) {
      const bytes = Buffer.from(chunks.join(''), 'utf8');
      if (env.handle === null || (env.size > 0 && env.size + bytes.length > options.maxFileBytes)) await rotate(env);
      const handle = env.handle as FileHandle;
      await handle.write(bytes);
      env.size += bytes.length;
      await handle.sync();
      for (const event of stored) {
        env.ids.add(event.id);
        count(env, event.kind);
      }
      env.version++;
    }
    group.forEach((item, i) => {
      const result = results[i] as AppendResult;
      env.stats.duplicates += result.duplicates;
      item.resolve(result);
    });
  };

  const drain = (env: Environment): Promise<void> => {
    env.draining ??= (async () => {
      while (env.queue.length > 0) {
        const group = env.queue.splice(0, env.queue.length);
        try {
          await writeGroup(env, group);
        } catch (error) {
          logger.error(`events of ${env.dir} could not be stored: ${error instanceof Error ? error.message : String(error)}`);
          // The file may hold part of this write: start a new one (readers skip a torn line and repeated ids).
          await env.handle?.close().catch(() => undefined);
          env.handle = null;
          for (const item of group) item.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
      env.draining = null;
    })();
    return env.draining;
  };

  return {
    async start() {
      await mkdir(dir, { recursive: true });
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        const env = environmentOf(entry.name);
        const files = await listEventFiles(env.dir);
        env.seq = files.length > 0 ? (files[files.length - 1] as { seq: number }).seq : 0;
        const { lines, skipped } = await readEventLines(env.dir, (line) => {
          env.ids.add(line.event.id);
          count(env, line.event.kind);
        });
        if (skipped > 0) logger.warn(`events of ${entry.name}: ${skipped} incomplete line(s) skipped (writes that were never acknowledged)`);
        logger.info(`events of ${entry.name}: ${lines} stored event(s) in ${files.length} file(s)`);
      }
    },
    append(environment, batchId, events) {
      if (closed) return Promise.reject(new StoreClosedError('the event store is closed'));
      const env = environmentOf(environment);
      return new Promise<AppendResult>((resolve, reject) => {
        env.queue.push({ batchId, events, resolve, reject });
        void drain(env);
      });
    },
    stats(environment) {
      const env = environments.get(environment);
      if (!env) return { accepted: 0, duplicates: 0, byKind: {} };
      return { accepted: env.stats.accepted, duplicates: env.stats.duplicates, byKind: { ...env.stats.byKind } };
    },
    version: (environment) => environments.get(environment)?.version ?? 0,
    async read(environment, onLine) {
      await readEventLines(join(dir, environment), onLine);
    },
    async close() {
      closed = true;
      for (const env of environments.values()) await env.draining;
      for (const env of environments.values()) {
        await env.handle?.close().catch(() => undefined);
        env.handle = null;
      }
    },
  };
}
