import type { Clock, Logger, Platform, Scheduler } from '@ensign/common';
import { createRateLimitedLogger, safeLog } from '@ensign/common';
import type { CohortSyncer } from '../core/cohorts/cohort-syncer.js';
import { createCohortSyncer } from '../core/cohorts/cohort-syncer.js';
import type { CoreOptions } from '../core/core-options.js';
import type { DatafileStore } from '../core/datafile-store.js';
import type { Emitter } from '../core/emitter.js';
import type { OdpService } from '../core/odp/odp-service.js';
import { createOdpService } from '../core/odp/odp-service.js';
import { messageOf } from '../core/records.js';

/** The services that bring membership from outside the datafile: ODP segments (Optimizely) and cohorts (Amplitude). */
export interface Integrations {
  readonly odp: OdpService | null;
  readonly cohorts: CohortSyncer | null;
  /** Waits for the cohort downloads in progress, at most `timeoutMs`. Never rejects. */
  cohortsSettled(timeoutMs: number): Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** What {@link createIntegrations} needs from the client under construction. */
export interface IntegrationDeps {
  options: CoreOptions;
  platform: Platform;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  emitter: Emitter;
  store: DatafileStore;
}

/**
 * A logger that writes each kind of line at most once a minute: a down ODP host or cohort server must not write a
 * line per request. The kind is the message up to its first parenthesis or digit (ids and statuses vary).
 */
function quietLogger(logger: Logger, clock: Clock): Logger {
  const limited = createRateLimitedLogger(logger, { clock, windowMs: 60_000 });
  const at = (level: 'warn' | 'error') => (message: string, ...args: unknown[]) => limited.log(level, message.split(/[(\d]/, 1)[0]?.slice(0, 80) ?? '', message, ...args);
  return { debug: (m, ...a) => safeLog(logger, 'debug', m, ...a), info: (m, ...a) => safeLog(logger, 'info', m, ...a), warn: at('warn'), error: at('error') };
}

function idMaker(platform: Platform): () => string {
  const uuid = platform.crypto?.randomUUID;
  if (uuid) return () => uuid.call(platform.crypto);
  const random = platform.random ?? Math.random;
  return () => Array.from({ length: 4 }, () => Math.floor(random() * 0x1_0000_0000).toString(16).padStart(8, '0')).join('-');
}

/**
 * Creates the ODP service (unless `odp.disabled`) and the cohort syncer (with `cohortSyncConfig`), and feeds them
 * every datafile the store takes: the ODP endpoint and segments to check are re-read (the segments cache is
 * emptied), and the cohorts the flags target are downloaded.
 *
 * @example
 * const integrations = createIntegrations({ options, platform, clock, scheduler, logger, emitter, store });
 */
export function createIntegrations(deps: IntegrationDeps): Integrations {
  const { options, scheduler } = deps;
  const logger = quietLogger(deps.logger, deps.clock);
  const odp = options.odp?.disabled === true ? null : createOdpService({ options: options.odp ?? {}, http: deps.platform.http, clock: deps.clock, scheduler, logger, newId: idMaker(deps.platform) });
  const cohorts = options.cohortSyncConfig ? createCohortSyncer({ config: options.cohortSyncConfig, http: deps.platform.http, scheduler, logger }) : null;
  const off =
    odp === null && cohorts === null
      ? () => undefined
      : deps.emitter.on('update', () => {
          const compiled = deps.store.current();
          if (!compiled) return;
          try {
            odp?.apply(compiled);
            void cohorts?.apply(compiled);
          } catch (error) {
            safeLog(logger, 'error', `applying the datafile to ODP or cohorts failed: ${messageOf(error)}`);
          }
        });
  return {
    odp,
    cohorts,
    cohortsSettled(timeoutMs) {
      if (cohorts === null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = scheduler.setTimeout(resolve, timeoutMs);
        void cohorts.settled().then(() => {
          timer.cancel();
          resolve();
        });
      });
    },
    flush: () => odp?.flush() ?? Promise.resolve(),
    async close() {
      off();
      cohorts?.close();
      await odp?.close();
    },
  };
}
