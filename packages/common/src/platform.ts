import type { Clock, Scheduler } from './ports.js';
import type { HttpClient } from './http.js';

/** Reads files for the file datafile source; only runtimes with a file system supply it. */
export interface FileSystemPort {
  readFile(path: string): Promise<string>;
  /**
   * The size in bytes of the file a path resolves to (following symlinks), and a `version` string that changes
   * whenever the file does (inode, size, mtime). Optional: with it, the file source refuses an oversized file
   * without reading it.
   */
  stat?(path: string): Promise<{ readonly size: number; readonly version: string }>;
  /**
   * Reads and parses a JSON file away from the caller's thread (a worker), refusing more than `maxBytes` bytes or
   * JSON nested deeper than `maxNesting` levels before `JSON.parse`. Rejects with an `Error` saying why. Optional:
   * the file source uses it for files above its off-thread threshold.
   */
  readJson?(path: string, limits: { readonly maxBytes: number; readonly maxNesting: number }): Promise<unknown>;
  /** Calls `onChange` when the file (or the directory entry it resolves through) may have changed. */
  watch(path: string, onChange: () => void): { close(): void };
}

/** Hashes and signatures, for runtimes that have them (datafile signature checks). */
export interface CryptoPort {
  /** Verifies an Ed25519 signature over `data` with a PEM-encoded public key. */
  verifyEd25519?(data: Uint8Array, signature: Uint8Array, publicKeyPem: string): boolean;
  randomUUID?(): string;
}

/**
 * Everything a runtime gives the runtime-free client, as LaunchDarkly's `Platform`: time, timers, the network,
 * and optionally files, randomness and crypto. `node-sdk` builds the Node one; tests build fakes.
 */
export interface Platform {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly http: HttpClient;
  readonly fileSystem?: FileSystemPort;
  /** A uniform number in [0, 1); defaults to `Math.random`. */
  readonly random?: () => number;
  readonly crypto?: CryptoPort;
}
