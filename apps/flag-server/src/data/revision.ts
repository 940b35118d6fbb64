import type { Logger } from '@ensign/common';
import type { Flag, ValidDatafile } from '@ensign/datafile-schema';
import { compileDatafile } from '@ensign/evaluator-core';
import type { CompiledDatafile } from '@ensign/evaluator-core';
import { createClient } from '@ensign/node-sdk';
import type { EnsignClient } from '@ensign/node-sdk';
import type { SigningKey } from '../signing/signing-keys.js';
import type { DatafileBody, DatafileEncoding, Representation } from './representation.js';
import { compactBodyOf, createBody, representationOf } from './representation.js';

export type { ContentCoding, DatafileEncoding, Representation } from './representation.js';

/**
 * One loaded datafile of an environment: the exact bytes, their hash (the ETag and the stream's `revision`), the
 * signatures, and the evaluators built from it; the fields of {@link Representation} are those of the `plain`
 * encoding (the file as written), and {@link Revision.representation} gives the `compact` one. Immutable once
 * built, except that signatures are replaced (by a new object, see {@link withSignatures}) when the signing keys
 * change.
 */
export interface Revision extends Representation {
  readonly environment: string;
  /** The datafile in force: the file's, with the last good version of each quarantined entity put back. */
  readonly datafile: ValidDatafile;
  /** Flags by key, in datafile order (a Map: keys such as `__proto__` are plain data). */
  readonly flags: ReadonlyMap<string, Flag>;
  /** The node-sdk client (events off) that answers `/v1/evaluate` and OFREP: the SDK's own evaluator. */
  readonly client: EnsignClient;
  /** The compiled datafile for evaluations of a raw context (see `context-variants.ts`). */
  readonly compiled: CompiledDatafile;
  /**
   * The datafile in an encoding, signed with this revision's keys. `compact` is written once per revision, on first
   * use (its body and compressed copies are shared by the copies of {@link withSignatures}); it is the plain
   * representation itself (`encoding: 'plain'`) when the file had quarantined entities or cannot be compacted whole,
   * so that a compact-asking SDK quarantines exactly what a plain one does, and when writing it fails (logged once):
   * this never throws.
   */
  representation(encoding: DatafileEncoding): Representation;
}

/** What builds a revision: the file's bytes and the datafile in force (parsed, merged with the last good entities). */
export interface RevisionInput {
  environment: string;
  bytes: Buffer;
  datafile: ValidDatafile;
  /** False when the parse of the bytes quarantined entities: the compact encoding is then the plain bytes. Default true. */
  compactable?: boolean;
  keys: readonly SigningKey[];
  logger: Logger;
}

/** What the copies of {@link withSignatures} share: the plain body and the compact one once written (null: none). */
interface Bodies {
  readonly plain: DatafileBody;
  readonly compactable: boolean;
  compact: DatafileBody | null | undefined;
  /** Where a failure to write the compact body is logged. */
  readonly logger?: Logger;
}

/**
 * The compact body of a revision, written once: `compactBodyOf`, or null (the plain body is served) when the file is
 * not compactable or the compaction throws; a throw is logged, never passed on, since it would otherwise escape from a
 * request handler or from the stream hub's loop over its connections.
 */
function compactBody(bodies: Bodies, environment: string): DatafileBody | null {
  if (bodies.compact !== undefined) return bodies.compact;
  try {
    bodies.compact = bodies.compactable ? compactBodyOf(bodies.plain) : null;
  } catch (error) {
    bodies.compact = null;
    try {
      bodies.logger?.error(`datafile ${environment}.json cannot be written in the compact encoding (${error instanceof Error ? error.message : String(error)}); serving it plain`);
    } catch {
      // A failing logger changes nothing: the plain body is served.
    }
  }
  return bodies.compact;
}

interface RevisionCore {
  readonly environment: string;
  readonly datafile: ValidDatafile;
  readonly flags: ReadonlyMap<string, Flag>;
  readonly client: EnsignClient;
  readonly compiled: CompiledDatafile;
}

const bodiesOf = new WeakMap<Revision, Bodies>();

function assemble(core: RevisionCore, bodies: Bodies, keys: readonly SigningKey[]): Revision {
  const plain = representationOf('plain', bodies.plain, keys);
  let compact: Representation | null = null;
  const representation = (encoding: DatafileEncoding): Representation => {
    if (encoding === 'plain') return plain;
    if (compact === null) {
      const body = compactBody(bodies, core.environment);
      compact = body === null ? plain : representationOf('compact', body, keys);
    }
    return compact;
  };
  const revision: Revision = { ...core, ...plain, representation };
  bodiesOf.set(revision, bodies);
  return revision;
}

/**
 * Builds a revision: hashes and signs the bytes and creates the evaluators (a node-sdk client with events off, and
 * the compiled datafile) from the datafile in force, which is what an SDK that loaded the same sequence of files
 * holds, so `/v1/evaluate` answers what such an SDK answers.
 *
 * @example
 * const revision = buildRevision({ environment: 'production', bytes, datafile: parsed.datafile, keys, logger });
 */
export function buildRevision(input: RevisionInput): Revision {
  const { environment, bytes, datafile, keys, logger } = input;
  const flags = new Map<string, Flag>();
  for (const flag of datafile.flags) if (!flags.has(flag.key)) flags.set(flag.key, flag);
  // The client's own info lines ("datafile revision N in use") repeat what the store logs: they go to debug.
  const clientLogger: Logger = { debug: logger.debug, info: logger.debug, warn: logger.warn, error: logger.error };
  const client = createClient({ datafile, events: false, logger: clientLogger });
  const compiled = compileDatafile(datafile);
  const bodies: Bodies = { plain: createBody(bytes), compactable: input.compactable ?? true, compact: undefined, logger };
  return assemble({ environment, datafile, flags, client, compiled }, bodies, keys);
}

/**
 * The same revision signed with other keys (the bytes, evaluators, compact body and compressed bodies are shared).
 *
 * @example
 * const resigned = withSignatures(revision, newKeys);
 */
export function withSignatures(revision: Revision, keys: readonly SigningKey[]): Revision {
  const { environment, datafile, flags, client, compiled } = revision;
  return assemble({ environment, datafile, flags, client, compiled }, bodiesOf.get(revision) ?? { plain: revision, compactable: true, compact: undefined }, keys);
}
