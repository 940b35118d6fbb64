import type { DatafileSink, DatafileSource } from '@ensign/common';
import { EnsignError } from '@ensign/common';
import type { Datafile, Flag, Segment } from '@ensign/datafile-schema';
import type { FlagBuilder } from './flag-builder.js';
import { buildFlag, copyBuilder, isFlagBuilder, newFlagBuilder } from './flag-builder.js';

/**
 * Flags built in code for tests, as LaunchDarkly's `TestData`: a datafile source whose flags you set with
 * `td.update(td.flag('x')...)`, while clients run. Each update is in force in every connected client as soon as
 * `update` returns (the promise is for LaunchDarkly's `await td.update(...)` habit).
 */
export interface TestData extends DatafileSource {
  /**
   * A builder for flag `key`: a copy of the one last passed to `update` for that key, or a new boolean flag
   * (variations `true`, `false`; targeting on, serving `true`; `false` when off).
   */
  flag(key: string): FlagBuilder;
  /** Puts the flag a builder describes into the test data (its version goes up) and pushes it to every client. */
  update(builder: FlagBuilder): Promise<void>;
  /** Puts a native flag (see docs/datafile.md) as it is, for what the builders cannot say (rollouts, other operators). */
  usePreconfiguredFlag(flag: Flag): Promise<void>;
  /** Puts a native segment, for `segmentMatch` conditions of preconfigured flags. */
  usePreconfiguredSegment(segment: Segment): Promise<void>;
  /** A source of its own for one more client (`createClient({ datafileSource: td.source() })`); closing it detaches that client only. */
  source(): DatafileSource;
  /** The datafile the clients have now (a copy): LaunchDarkly semantics, revision counting updates. */
  datafile(): Datafile;
}

const copy = <T>(value: T): T => structuredClone(value);

/**
 * Creates test data: a {@link DatafileSource} whose flags are built in code. Pass it as `datafileSource` (one client;
 * `td.source()` for each further client) and change flags with `td.update` while the client runs: no files, no
 * network, no new client.
 *
 * @example
 * const td = createTestData();
 * td.update(td.flag('dark-mode').booleanFlag().variationForUser('user-42', true).fallthroughVariation(false));
 * const client = createClient({ datafileSource: td });
 * client.boolVariation('dark-mode', { kind: 'user', key: 'user-42' }, false); // true
 * td.update(td.flag('dark-mode').on(false));
 * client.boolVariation('dark-mode', { kind: 'user', key: 'user-42' }, true); // false (the off variation)
 */
export function createTestData(): TestData {
  const flags = new Map<string, Flag>();
  const segments = new Map<string, Segment>();
  const builders = new Map<string, FlagBuilder>();
  const direct = new Set<DatafileSink>();
  const attached = new Set<DatafileSink>();
  let revision = 0;

  const document = (): Datafile => ({
    schemaVersion: 1,
    revision: String(revision),
    environment: 'test',
    semantics: 'launchdarkly',
    flags: [...flags.values()].map(copy),
    ...(segments.size > 0 ? { segments: [...segments.values()].map(copy) } : {}),
  });

  const push = (): Promise<void> => {
    revision += 1;
    if (attached.size > 0) {
      const doc = document();
      // Each client gets its own copy: the store keeps what it is given.
      for (const sink of attached) sink.update(copy(doc));
    }
    return Promise.resolve();
  };

  const versionAfter = (previous: { version?: number } | undefined, given?: number): number =>
    previous?.version !== undefined ? previous.version + 1 : given ?? 1;

  const attach = (sink: DatafileSink) => {
    attached.add(sink);
    sink.update(document());
  };

  return {
    kind: 'test-data',
    start(sink) {
      direct.add(sink);
      attach(sink);
    },
    close() {
      for (const sink of direct) attached.delete(sink);
      direct.clear();
    },
    flag(key) {
      if (typeof key !== 'string' || key === '') throw new EnsignError('INVALID_ARGUMENT', 'td.flag: the flag key must be a non-empty string');
      const last = builders.get(key);
      return last ? copyBuilder(last) : newFlagBuilder(key).booleanFlag();
    },
    update(builder) {
      if (!isFlagBuilder(builder)) throw new EnsignError('INVALID_ARGUMENT', 'td.update: pass a builder from td.flag(key)');
      flags.set(builder.key, buildFlag(builder, versionAfter(flags.get(builder.key))));
      builders.set(builder.key, copyBuilder(builder));
      return push();
    },
    usePreconfiguredFlag(flag) {
      if (typeof flag !== 'object' || flag === null || typeof flag.key !== 'string') {
        throw new EnsignError('INVALID_ARGUMENT', 'td.usePreconfiguredFlag: pass a native flag with a key');
      }
      flags.set(flag.key, { ...copy(flag), version: versionAfter(flags.get(flag.key), flag.version) });
      // A preconfigured flag is replaced as a whole, never edited through a builder.
      builders.delete(flag.key);
      return push();
    },
    usePreconfiguredSegment(segment) {
      if (typeof segment !== 'object' || segment === null || typeof segment.key !== 'string') {
        throw new EnsignError('INVALID_ARGUMENT', 'td.usePreconfiguredSegment: pass a native segment with a key');
      }
      segments.set(segment.key, { ...copy(segment), version: versionAfter(segments.get(segment.key), segment.version) });
      return push();
    },
    source() {
      let mine: DatafileSink | null = null;
      return {
        kind: 'test-data',
        start(sink) {
          mine = sink;
          attach(sink);
        },
        close() {
          if (mine) attached.delete(mine);
          mine = null;
        },
      };
    },
    datafile: () => document(),
  };
}
