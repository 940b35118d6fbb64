// Optimizely's own SDK (v6) and Ensign's node-sdk, opened on the same Optimizely datafile, for the differential tests
// of the Optimizely face (bench/test/fidelity/optimizely-*.test.ts). Ensign reads the datafile through
// `@ensign/importers`, as a migrating team would.
import { createInstance, createStaticProjectConfigManager, type Client, type UserProfileService } from '@optimizely/optimizely-sdk';
import { createClient, type EnsignClient } from '@ensign/node-sdk';
import { importOptimizelyDatafile } from '@ensign/importers/optimizely';

/** A quiet logger for Ensign (errors still show). */
export const QUIET = { debug() {}, info() {}, warn() {}, error() {} };

/** Both clients on one datafile. */
export interface Pair {
  readonly vendor: Client;
  readonly ensign: EnsignClient;
  close(): Promise<void>;
}

/** Options given to both sides. */
export interface PairOptions {
  /** Sticky bucketing (Optimizely `userProfileService`), the same object on both sides. */
  readonly userProfileService?: UserProfileService;
}

/** Opens both clients on `datafile` (an Optimizely datafile object) and waits until both are ready. */
export async function openPair(datafile: Record<string, unknown>, options: PairOptions = {}): Promise<Pair> {
  const text = JSON.stringify(datafile);
  const imported = importOptimizelyDatafile(text);
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
  const vendor = createInstance({
    projectConfigManager: createStaticProjectConfigManager({ datafile: text }),
    ...(options.userProfileService ? { userProfileService: options.userProfileService } : {}),
  });
  const ensign = createClient({
    datafile: imported.datafile,
    logger: QUIET,
    ...(options.userProfileService ? { userProfileService: options.userProfileService as never } : {}),
  });
  const [, ready] = await Promise.all([vendor.onReady({ timeout: 5_000 }), ensign.onReady({ timeout: 5_000 })]);
  if (!ready.success) throw new Error(`Ensign is not ready: ${JSON.stringify(ready)}`);
  return {
    vendor,
    ensign,
    async close() {
      await Promise.all([vendor, ensign].map((c) => Promise.race([c.close(), new Promise((resolve) => setTimeout(resolve, 2_000))])));
    },
  };
}
