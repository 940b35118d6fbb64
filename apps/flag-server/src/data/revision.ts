import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { Logger } from '@ensign/common';
import type { Flag, ValidDatafile } from '@ensign/datafile-schema';
import { compileDatafile } from '@ensign/evaluator-core';
import type { CompiledDatafile } from '@ensign/evaluator-core';
import { createClient } from '@ensign/node-sdk';
import type { EnsignClient } from '@ensign/node-sdk';
import type { SigningKey } from '../signing/signing-keys.js';
import { signatureHeader, signBytes } from '../signing/signing-keys.js';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** The content codings the datafile endpoint can answer besides identity. */
export type ContentCoding = 'gzip' | 'br';

/**
 * One loaded datafile of an environment: the exact bytes, their hash (the ETag and the stream's `revision`), the
 * signatures, and the evaluators built from it. Immutable once built, except that signatures are replaced (by a new
 * object, see {@link withSignatures}) when the signing keys change.
 */
export interface Revision {
  readonly environment: string;
  readonly bytes: Buffer;
  readonly text: string;
  /** base64url SHA-256 of the bytes: the `revision` of stream messages. */
  readonly hash: string;
  /** `"<hash>"`: the strong ETag of the datafile endpoint. */
  readonly etag: string;
  /** The datafile in force: the file's, with the last good version of each quarantined entity put back. */
  readonly datafile: ValidDatafile;
  /** Flags by key, in datafile order (a Map: keys such as `__proto__` are plain data). */
  readonly flags: ReadonlyMap<string, Flag>;
  /** The node-sdk client (events off) that answers `/v1/evaluate` and OFREP: the SDK's own evaluator. */
  readonly client: EnsignClient;
  /** The compiled datafile for evaluations of a raw context (see `context-variants.ts`). */
  readonly compiled: CompiledDatafile;
  /** `{ <keyId>: <base64 signature> }`, empty without signing keys. */
  readonly signatures: Readonly<Record<string, string>>;
  /** The `x-ensign-signature` header, or null. */
  readonly signatureHeader: string | null;
  /** The stream message data: `{ revision, datafile, signatures? }` on one line. */
  readonly streamData: string;
  /** The body in a content coding, compressed once per revision (shared by the copies of {@link withSignatures}). */
  encoded(coding: ContentCoding): Promise<Buffer>;
}

/** What builds a revision: the file's bytes and the datafile in force (parsed, merged with the last good entities). */
export interface RevisionInput {
  environment: string;
  bytes: Buffer;
  datafile: ValidDatafile;
  keys: readonly SigningKey[];
  logger: Logger;
}

function streamDataOf(hash: string, text: string, signatures: Readonly<Record<string, string>>): string {
  const message: { revision: string; datafile: string; signatures?: Record<string, string> } = { revision: hash, datafile: text };
  if (Object.keys(signatures).length > 0) message.signatures = { ...signatures };
  return JSON.stringify(message);
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
  const text = bytes.toString('utf8');
  const hash = createHash('sha256').update(bytes).digest('base64url');
  const flags = new Map<string, Flag>();
  for (const flag of datafile.flags) if (!flags.has(flag.key)) flags.set(flag.key, flag);
  // The client's own info lines ("datafile revision N in use") repeat what the store logs: they go to debug.
  const clientLogger: Logger = { debug: logger.debug, info: logger.debug, warn: logger.warn, error: logger.error };
  const client = createClient({ datafile, events: false, logger: clientLogger });
  const compiled = compileDatafile(datafile);
  const signatures = signBytes(bytes, keys);
  const cache = new Map<ContentCoding, Promise<Buffer>>();
  const encoded = (coding: ContentCoding): Promise<Buffer> => {
    let pending = cache.get(coding);
    if (!pending) {
      pending =
        coding === 'gzip'
          ? gzipAsync(bytes, { level: 9 })
          : brotliAsync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
      cache.set(coding, pending);
      pending.catch(() => cache.delete(coding));
    }
    return pending;
  };
  return {
    environment,
    bytes,
    text,
    hash,
    etag: `"${hash}"`,
    datafile,
    flags,
    client,
    compiled,
    signatures,
    signatureHeader: signatureHeader(signatures),
    streamData: streamDataOf(hash, text, signatures),
    encoded,
  };
}

/**
 * The same revision signed with other keys (the bytes, evaluators and compressed bodies are shared).
 *
 * @example
 * const resigned = withSignatures(revision, newKeys);
 */
export function withSignatures(revision: Revision, keys: readonly SigningKey[]): Revision {
  const signatures = signBytes(revision.bytes, keys);
  return {
    ...revision,
    signatures,
    signatureHeader: signatureHeader(signatures),
    streamData: streamDataOf(revision.hash, revision.text, signatures),
  };
}
