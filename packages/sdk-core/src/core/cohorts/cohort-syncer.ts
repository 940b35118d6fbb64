import type { HttpClient, Logger, Scheduler, TimerHandle } from '@ensign/common';
import { safeLog } from '@ensign/common';
import type { CompiledDatafile } from '@ensign/evaluator-core';
import type { CohortSyncConfig } from '../odp/odp-options.js';
import { COHORT_SYNC_DEFAULTS } from '../odp/odp-options.js';
import type { Cohort } from './cohort-api.js';
import { basicAuthOf, downloadCohort } from './cohort-api.js';
import { cohortTargets } from './cohort-targets.js';

/** Cohort downloads in flight at most. */
const CONCURRENT_DOWNLOADS = 4;

/** Keeps the cohorts that loaded flags target, downloaded and refreshed on an interval. */
export interface CohortSyncer {
  /** Downloads the cohorts a new datafile targets that are not held yet; forgets the ones no longer targeted. */
  apply(compiled: CompiledDatafile): Promise<void>;
  /** Resolves once the downloads started so far have finished (successful or not). Never rejects. */
  settled(): Promise<void>;
  /** The held cohorts of `groupType` (`User` for users) that list `memberId`. */
  cohortIdsOf(groupType: string, memberId: string): string[];
  /** Cohort ids held now. */
  held(): string[];
  close(): void;
}

/** What {@link createCohortSyncer} needs. */
export interface CohortSyncerDeps {
  config: CohortSyncConfig;
  http: HttpClient;
  scheduler: Scheduler;
  logger: Logger;
}

/**
 * Creates the cohort syncer of Amplitude's local evaluation: on each datafile it downloads the cohorts `inCohort`
 * conditions (and the datafile's `cohorts` list) name, then every `cohortPollingIntervalMillis` asks again with each
 * cohort's `lastModified` (204: unchanged). A cohort over `maxCohortSize` (413) is skipped with a warning; a failed
 * download keeps the copy held.
 *
 * @example
 * const cohorts = createCohortSyncer({ config: { apiKey, secretKey }, http, scheduler, logger });
 * await cohorts.apply(store.current()!);
 * cohorts.cohortIdsOf('User', 'user-42'); // ['c1']
 */
export function createCohortSyncer(deps: CohortSyncerDeps): CohortSyncer {
  const { config, http, logger } = deps;
  const serverUrl = config.cohortServerUrl ?? COHORT_SYNC_DEFAULTS.cohortServerUrl;
  const maxCohortSize = config.maxCohortSize ?? COHORT_SYNC_DEFAULTS.maxCohortSize;
  const timeoutMs = config.cohortRequestTimeoutMillis ?? COHORT_SYNC_DEFAULTS.cohortRequestTimeoutMillis;
  const basicAuth = basicAuthOf(config.apiKey, config.secretKey);
  const cohorts = new Map<string, Cohort>();
  let wanted = new Set<string>();
  let pending: Promise<void> = Promise.resolve();
  let closed = false;
  const timer: TimerHandle = deps.scheduler.setInterval(() => void refresh([...wanted]), config.cohortPollingIntervalMillis ?? COHORT_SYNC_DEFAULTS.cohortPollingIntervalMillis);

  const downloadOne = async (id: string): Promise<void> => {
    const held = cohorts.get(id);
    const result = await downloadCohort(http, { serverUrl, basicAuth, cohortId: id, maxCohortSize, timeoutMs, ...(held ? { lastModified: held.lastModified } : {}) });
    if (closed || !wanted.has(id)) return;
    if (result.kind === 'downloaded') {
      cohorts.set(id, result.cohort);
      safeLog(logger, 'debug', `cohort ${id} downloaded: ${result.cohort.memberIds.size} member(s)`);
    } else if (result.kind === 'too-large') {
      cohorts.delete(id);
      safeLog(logger, 'warn', `cohort ${id} is larger than maxCohortSize (${maxCohortSize}); skipped: its targeting matches nobody`);
    } else if (result.kind === 'failed') {
      safeLog(logger, 'error', `cohort ${id} download failed (${result.message}); ${held ? 'keeping the copy held' : 'no copy held yet'}`);
    }
  };

  /** Downloads `ids`, at most {@link CONCURRENT_DOWNLOADS} at a time. */
  const refresh = (ids: readonly string[]): Promise<void> => {
    if (closed || ids.length === 0) return pending;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length && !closed) await downloadOne(ids[next++] as string);
    };
    const run = Promise.all(Array.from({ length: Math.min(CONCURRENT_DOWNLOADS, ids.length) }, worker)).then(() => undefined, () => undefined);
    pending = Promise.all([pending, run]).then(() => undefined);
    return run;
  };

  return {
    apply(compiled) {
      const ids = new Set<string>();
      for (const targeted of cohortTargets(compiled).values()) for (const id of targeted) ids.add(id);
      for (const cohort of compiled.datafile.cohorts ?? []) if (typeof cohort?.id === 'string') ids.add(cohort.id);
      wanted = ids;
      for (const id of [...cohorts.keys()]) if (!ids.has(id)) cohorts.delete(id);
      return refresh([...ids].filter((id) => !cohorts.has(id)));
    },
    settled: () => pending,
    cohortIdsOf(groupType, memberId) {
      const out: string[] = [];
      for (const [id, cohort] of cohorts) if (cohort.groupType === groupType && cohort.memberIds.has(memberId)) out.push(id);
      return out;
    },
    held: () => [...cohorts.keys()],
    close() {
      closed = true;
      timer.cancel();
    },
  };
}
