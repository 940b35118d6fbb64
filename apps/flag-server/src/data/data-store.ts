import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@ensign/common';
import { formatIssues, mergeLastGood, parseDatafile } from '@ensign/datafile-schema';
import type { SigningKey } from '../signing/signing-keys.js';
import { readSigningKey } from '../signing/signing-keys.js';
import { createDirWatcher } from './dir-watcher.js';
import type { DirWatcher } from './dir-watcher.js';
import { readKeys } from './keys-file.js';
import type { Revision } from './revision.js';
import { buildRevision, withSignatures } from './revision.js';

/** A change the store announces. */
export type StoreChange = { kind: 'datafile'; environment: string; revision: Revision; origin?: DatafileOrigin } | { kind: 'keys' };

/** Where a loaded datafile came from: the data folder, or another instance through a shared store (Redis). */
export type DatafileOrigin = 'file' | 'shared';

/** What an SDK key resolves to: its environment and that environment's datafile (null until one loads). */
export interface KeyTarget {
  environment: string;
  revision: Revision | null;
}

/** Options of {@link createDataStore}. */
export interface DataStoreOptions {
  dataDir: string;
  logger: Logger;
  pollIntervalMs: number;
  debounceMs: number;
}

/** The data folder, loaded and watched. */
export interface DataStore {
  /** Loads everything once and starts watching. */
  start(): Promise<void>;
  /** Reads the folder again now (tests; the watcher calls it on changes). */
  reload(): Promise<void>;
  /** The environment and datafile of an SDK key, or null for an unknown key. */
  resolve(sdkKey: string): KeyTarget | null;
  /**
   * The environment of an ODP public key: an SDK key (the default public key), else the environment whose datafile's
   * `odp` integration names this `publicKey`. Null when neither.
   */
  resolveOdpKey(publicKey: string): KeyTarget | null;
  /** Ready when `keys.json` has loaded and every environment it names has a datafile. */
  readiness(): { ready: boolean; environments: Record<string, string | null>; keysLoaded: boolean };
  /**
   * Serves a datafile received from another instance (through Redis) as if it had been read from the folder: parsed,
   * quarantined, merged with the last good entities, signed with this instance's keys; the change is announced with
   * origin `shared`. Ignored for an environment `keys.json` does not name, or when it is the revision in force.
   */
  ingest(environment: string, text: string): Promise<void>;
  /** The datafile in force for an environment, or null. */
  current(environment: string): Revision | null;
  /** The environments `keys.json` names. */
  environments(): string[];
  /** Subscribes to changes; returns the unsubscribe function. */
  onChange(listener: (change: StoreChange) => void): () => void;
  close(): Promise<void>;
}

const isMissing = (error: unknown) => (error as { code?: unknown } | null)?.code === 'ENOENT';
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Creates the store of the data folder: `keys.json` (SDK key → environment), `<environment>.json` (a native
 * datafile per environment named in `keys.json`) and `signing/*.pem` (Ed25519 keys). Every file is re-read on
 * change; a file that cannot be read or parsed is logged and the last good version keeps being served. A datafile
 * whose parse quarantined some entities (a broken flag, segment...) is served as it is (the exact bytes: SDKs
 * quarantine the same entities and keep their last good versions), and the server's own evaluators do the same:
 * they use the new datafile with the last good version of each quarantined entity put back (`mergeLastGood`).
 *
 * @example
 * const store = createDataStore({ dataDir: './data', logger, pollIntervalMs: 1000, debounceMs: 20 });
 * await store.start();
 * store.resolve('sdk-prod-1')?.revision?.etag;
 */
export function createDataStore(options: DataStoreOptions): DataStore {
  const { dataDir, logger } = options;
  const signingDir = join(dataDir, 'signing');
  const listeners = new Set<(change: StoreChange) => void>();
  let keys = new Map<string, string>();
  let keysText: string | null = null;
  let keysLoaded = false;
  let signingKeys: SigningKey[] = [];
  let signingFingerprint = '';
  const revisions = new Map<string, Revision>();
  /** The bytes' text last seen per environment, good or bad, so a bad file is reported once, not on every poll. */
  const lastSeen = new Map<string, string>();
  let watcher: DirWatcher | null = null;
  let reloading: Promise<void> = Promise.resolve();

  const emit = (change: StoreChange) => {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (error) {
        logger.error(`a data-store listener failed: ${describe(error)}`);
      }
    }
  };

  const loadKeys = async (): Promise<boolean> => {
    let text: string;
    try {
      text = await readFile(join(dataDir, 'keys.json'), 'utf8');
    } catch (error) {
      if (keysText !== '\u0000missing') logger.error(`keys.json cannot be read (${isMissing(error) ? 'missing' : describe(error)}); ${keysLoaded ? 'keeping the last good keys' : 'no SDK key is known'}`);
      keysText = '\u0000missing';
      return false;
    }
    if (text === keysText) return false;
    keysText = text;
    const result = readKeys(text);
    if (!result.ok) {
      logger.error(`${result.error}; ${keysLoaded ? 'keeping the last good keys' : 'no SDK key is known'}`);
      return false;
    }
    for (const warning of result.warnings) logger.warn(warning);
    keys = result.keys;
    keysLoaded = true;
    logger.info(`keys.json loaded: ${keys.size} SDK key(s), environments ${[...new Set(keys.values())].join(', ') || '(none)'}`);
    return true;
  };

  const loadSigningKeys = async (): Promise<boolean> => {
    let names: string[];
    try {
      names = (await readdir(signingDir)).filter((n) => n.endsWith('.pem')).sort();
    } catch {
      names = [];
    }
    const read: { id: string; pem: string }[] = [];
    for (const name of names) {
      try {
        read.push({ id: name.slice(0, -'.pem'.length), pem: await readFile(join(signingDir, name), 'utf8') });
      } catch (error) {
        logger.error(`signing key ${name} cannot be read (${describe(error)}); skipped`);
      }
    }
    const fingerprint = read.map((r) => `${r.id}\u0000${r.pem}`).join('\u0001');
    if (fingerprint === signingFingerprint) return false;
    signingFingerprint = fingerprint;
    const next: SigningKey[] = [];
    for (const { id, pem } of read) {
      const result = readSigningKey(id, pem);
      if (result.ok) next.push(result.key);
      else logger.error(`${result.error}; skipped`);
    }
    signingKeys = next;
    logger.info(next.length === 0 ? 'datafiles are not signed (no signing key)' : `datafiles are signed with key(s) ${next.map((k) => k.id).join(', ')}`);
    return true;
  };

  const loadEnvironment = async (environment: string): Promise<void> => {
    const file = join(dataDir, `${environment}.json`);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      if (lastSeen.get(environment) !== '\u0000missing') {
        logger.error(`datafile ${environment}.json cannot be read (${isMissing(error) ? 'missing' : describe(error)}); ${revisions.has(environment) ? 'serving the last good one' : 'nothing to serve yet'}`);
      }
      lastSeen.set(environment, '\u0000missing');
      return;
    }
    const text = bytes.toString('utf8');
    if (lastSeen.get(environment) === text) return;
    lastSeen.set(environment, text);
    applyDatafile(environment, bytes, 'file');
  };

  const applyDatafile = (environment: string, bytes: Buffer, origin: DatafileOrigin): void => {
    const text = bytes.toString('utf8');
    const parsed = parseDatafile(text);
    if (!parsed.ok) {
      logger.error(`datafile ${environment}.json is invalid; ${revisions.has(environment) ? 'serving the last good one' : 'nothing to serve yet'}:\n${formatIssues(parsed.issues, 5)}`);
      return;
    }
    const previous = revisions.get(environment);
    const merged = mergeLastGood(parsed.datafile, previous?.datafile ?? null);
    if (parsed.quarantined.length > 0) {
      const kept = new Set(merged.kept.map((q) => `${q.kind}\u0000${q.key}`));
      const lines = parsed.quarantined.slice(0, 5).map((q) => `${q.kind} ${q.key || '(no key)'} at ${q.path}: ${q.message}${kept.has(`${q.kind}\u0000${q.key}`) ? ' (its last good version stays in force)' : ''}`);
      logger.warn(`datafile ${environment}.json: ${parsed.quarantined.length} entit(ies) quarantined:\n${lines.join('\n')}`);
    }
    let revision: Revision;
    try {
      // A file with quarantined entities is served as written in both encodings: see Revision.representation.
      revision = buildRevision({ environment, bytes, datafile: merged.datafile, compactable: parsed.quarantined.length === 0, keys: signingKeys, logger });
    } catch (error) {
      logger.error(`datafile ${environment}.json could not be loaded (${describe(error)}); ${revisions.has(environment) ? 'serving the last good one' : 'nothing to serve yet'}`);
      return;
    }
    revisions.set(environment, revision);
    if (previous) void previous.client.close();
    logger.info(`datafile ${environment}.json loaded${origin === 'shared' ? ' from another instance' : ''}: revision ${revision.hash}, ${revision.flags.size} flag(s)`);
    emit({ kind: 'datafile', environment, revision, origin });
  };

  const reloadOnce = async (): Promise<void> => {
    const keysChanged = await loadKeys();
    const signingChanged = await loadSigningKeys();
    const environments = new Set(keys.values());
    if (signingChanged) for (const [environment, revision] of revisions) revisions.set(environment, withSignatures(revision, signingKeys));
    for (const environment of environments) await loadEnvironment(environment);
    for (const [environment, revision] of revisions) {
      if (environments.has(environment)) continue;
      revisions.delete(environment);
      lastSeen.delete(environment);
      void revision.client.close();
    }
    if (keysChanged) emit({ kind: 'keys' });
  };

  const reload = (): Promise<void> => {
    reloading = reloading.then(reloadOnce, reloadOnce);
    return reloading;
  };

  return {
    async start() {
      await reload();
      watcher = createDirWatcher({
        dirs: [dataDir, signingDir],
        pollIntervalMs: options.pollIntervalMs,
        debounceMs: options.debounceMs,
        ignore: (dir, name) => dir === dataDir && !(name.endsWith('.json') || name === 'signing'),
        onChange: reload,
      });
    },
    reload,
    ingest(environment, text) {
      const ingestOnce = async () => {
        if (![...keys.values()].includes(environment) || revisions.get(environment)?.text === text) return;
        applyDatafile(environment, Buffer.from(text, 'utf8'), 'shared');
      };
      reloading = reloading.then(ingestOnce, ingestOnce);
      return reloading;
    },
    environments: () => [...new Set(keys.values())],
    current: (environment) => revisions.get(environment) ?? null,
    resolve(sdkKey) {
      const environment = keys.get(sdkKey);
      if (environment === undefined) return null;
      return { environment, revision: revisions.get(environment) ?? null };
    },
    resolveOdpKey(publicKey) {
      const byKey = keys.get(publicKey);
      if (byKey !== undefined) return { environment: byKey, revision: revisions.get(byKey) ?? null };
      for (const [environment, revision] of revisions) {
        if ((revision.datafile.integrations ?? []).some((i) => i.key === 'odp' && i.publicKey === publicKey)) return { environment, revision };
      }
      return null;
    },
    readiness() {
      const environments: Record<string, string | null> = {};
      let ready = keysLoaded && keys.size > 0;
      for (const environment of new Set(keys.values())) {
        const revision = revisions.get(environment);
        Object.defineProperty(environments, environment, { value: revision?.hash ?? null, enumerable: true, writable: true, configurable: true });
        if (!revision) ready = false;
      }
      return { ready, environments, keysLoaded };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await watcher?.close();
      await reloading.catch(() => undefined);
      listeners.clear();
      await Promise.all([...revisions.values()].map((r) => r.client.close()));
      revisions.clear();
    },
  };
}
