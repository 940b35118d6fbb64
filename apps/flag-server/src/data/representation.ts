import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { compactDatafile } from '@ensign/datafile-schema';
import type { Datafile } from '@ensign/datafile-schema';
import type { SigningKey } from '../signing/signing-keys.js';
import { signatureHeader, signBytes } from '../signing/signing-keys.js';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** The content codings the datafile endpoint can answer besides identity. */
export type ContentCoding = 'gzip' | 'br';

/**
 * The encodings of a datafile the server answers: `plain`, the file as written (the default), and `compact`, the
 * same datafile with flag templates (`compactDatafile`), which an SDK that asks for it parses faster.
 */
export type DatafileEncoding = 'plain' | 'compact';

/** Bytes as served: their text, hash, ETag, and compressed copies made once. Shared by the re-signed copies of a revision. */
export interface DatafileBody {
  readonly bytes: Buffer;
  readonly text: string;
  /** base64url SHA-256 of the bytes: the `revision` of stream messages. */
  readonly hash: string;
  /** `"<hash>"`: the strong ETag of the datafile endpoint. */
  readonly etag: string;
  /** The bytes in a content coding, compressed on first use and kept. */
  encoded(coding: ContentCoding): Promise<Buffer>;
}

/** One encoding of a revision, as served: the body and its signatures. */
export interface Representation extends DatafileBody {
  readonly encoding: DatafileEncoding;
  /** `{ <keyId>: <base64 signature over these bytes> }`, empty without signing keys. */
  readonly signatures: Readonly<Record<string, string>>;
  /** The `x-ensign-signature` header, or null. */
  readonly signatureHeader: string | null;
  /** The stream message data: `{ revision, datafile, signatures? }` on one line. */
  readonly streamData: string;
}

/**
 * The body of some bytes: hashed now, compressed (brotli 11, gzip 9) on first use of each coding.
 *
 * @example
 * createBody(Buffer.from(text)).etag; // '"<base64url sha-256>"'
 */
export function createBody(bytes: Buffer): DatafileBody {
  const hash = createHash('sha256').update(bytes).digest('base64url');
  const cache = new Map<ContentCoding, Promise<Buffer>>();
  return {
    bytes,
    text: bytes.toString('utf8'),
    hash,
    etag: `"${hash}"`,
    encoded(coding) {
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
    },
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The compact body of a datafile's text: the text itself when it already uses flag templates, a new body written by
 * `compactDatafile` from the text as parsed by `JSON.parse` (so every field the file holds, known or not, is kept),
 * or null when the text is not a document compaction can keep whole (flags that are not objects, a `template` field
 * already there): the caller serves the plain body then, which every SDK reads.
 *
 * @example
 * compactBodyOf(plain)?.bytes.length; // a fraction of plain.bytes.length for a datafile of similar flags
 */
export function compactBodyOf(plain: DatafileBody): DatafileBody | null {
  let document: unknown;
  try {
    document = JSON.parse(plain.text);
  } catch {
    return null;
  }
  if (!isRecord(document) || !Array.isArray(document['flags'])) return null;
  if (Object.hasOwn(document, 'flagTemplates')) return plain;
  if (!document['flags'].every((flag) => isRecord(flag) && !Object.hasOwn(flag, 'template'))) return null;
  return createBody(Buffer.from(JSON.stringify(compactDatafile(document as unknown as Datafile)), 'utf8'));
}

/**
 * A body signed with some keys, as one encoding of a revision.
 *
 * @example
 * const plain = representationOf('plain', createBody(bytes), keys);
 */
export function representationOf(encoding: DatafileEncoding, body: DatafileBody, keys: readonly SigningKey[]): Representation {
  const signatures = signBytes(body.bytes, keys);
  const message: { revision: string; datafile: string; signatures?: Record<string, string> } = { revision: body.hash, datafile: body.text };
  if (Object.keys(signatures).length > 0) message.signatures = { ...signatures };
  return {
    encoding,
    bytes: body.bytes,
    text: body.text,
    hash: body.hash,
    etag: body.etag,
    encoded: body.encoded,
    signatures,
    signatureHeader: signatureHeader(signatures),
    streamData: JSON.stringify(message),
  };
}
