import { isAbsolute, resolve } from 'node:path';
import type { FlagServerOptions } from './server-options.js';

/** A parsed command line. */
export type CliCommand =
  | { command: 'serve'; options: FlagServerOptions }
  | { command: 'keygen'; out: string; force: boolean }
  | { command: 'aggregate'; nats: string; redis: string; redisPrefix: string | undefined; level: string | undefined }
  | { command: 'help' }
  | { command: 'error'; message: string };

/** The usage text of `ensign-flag-server`. */
export const USAGE = `Usage:
  ensign-flag-server [serve] --data <dir> [--port 8080] [--host 127.0.0.1] [--heartbeat-ms 15000]
                     [--events-dir <dir>] [--log-level info] [--poll-interval-ms 1000]
                     [--redis redis://127.0.0.1:6379 [--redis-prefix ensign:]] [--nats nats://127.0.0.1:4222]
  ensign-flag-server --role aggregator --nats nats://127.0.0.1:4222 --redis redis://127.0.0.1:6379
  ensign-flag-server keygen --out <dir>/signing/<keyId>.pem [--force]   (prints the public key PEM)
`;

const NUMERIC: Readonly<Record<string, keyof FlagServerOptions>> = Object.freeze({
  '--port': 'port',
  '--heartbeat-ms': 'heartbeatMs',
  '--poll-interval-ms': 'pollIntervalMs',
  '--max-event-file-bytes': 'maxEventFileBytes',
  '--request-timeout-ms': 'requestTimeoutMs',
});

/**
 * Parses the command line (`process.argv.slice(2)`). A leading `--` (what `pnpm start -- …` may pass) is skipped;
 * relative paths are resolved against `cwd` (pass `INIT_CWD` so `pnpm --filter flag-server start -- --data ./data`
 * means the folder where the command was typed).
 *
 * @example
 * parseCli(['--port', '8080', '--data', './data'], '/srv'); // { command: 'serve', options: { port: 8080, dataDir: '/srv/data' } }
 */
export function parseCli(argv: readonly string[], cwd: string): CliCommand {
  const args = argv.filter((a, i) => !(a === '--' && i === 0));
  const path = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  let command: 'serve' | 'keygen' = 'serve';
  if (args[0] === 'serve' || args[0] === 'keygen') command = args.shift() as 'serve' | 'keygen';
  const options: Record<string, unknown> = {};
  let out: string | null = null;
  let force = false;
  let role = 'server';
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] as string;
    if (flag === '--help' || flag === '-h') return { command: 'help' };
    if (flag === '--force') {
      force = true;
      continue;
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) return { command: 'error', message: `${flag} needs a value` };
    i++;
    const numeric = NUMERIC[flag];
    if (numeric !== undefined) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) return { command: 'error', message: `${flag} must be a non-negative integer` };
      options[numeric] = n;
    } else if (flag === '--data') options['dataDir'] = path(value);
    else if (flag === '--events-dir') options['eventsDir'] = path(value);
    else if (flag === '--host') options['host'] = value;
    else if (flag === '--log-level') options['logger'] = { level: value };
    else if (flag === '--out') out = path(value);
    else if (flag === '--redis') options['redis'] = value;
    else if (flag === '--redis-prefix') options['redisPrefix'] = value;
    else if (flag === '--nats') options['nats'] = value;
    else if (flag === '--nats-stream') options['natsStream'] = value;
    else if (flag === '--role') {
      if (value !== 'server' && value !== 'aggregator') return { command: 'error', message: '--role must be server or aggregator' };
      role = value;
    }
    else return { command: 'error', message: `unknown option ${flag}` };
  }
  if (command === 'keygen') return out === null ? { command: 'error', message: 'keygen needs --out <file.pem>' } : { command: 'keygen', out, force };
  if (role === 'aggregator') {
    if (typeof options['nats'] !== 'string' || typeof options['redis'] !== 'string') return { command: 'error', message: '--role aggregator needs --nats and --redis' };
    const level = (options['logger'] as { level?: string } | undefined)?.level;
    return { command: 'aggregate', nats: options['nats'], redis: options['redis'], redisPrefix: options['redisPrefix'] as string | undefined, level };
  }
  if (typeof options['dataDir'] !== 'string') return { command: 'error', message: '--data <dir> is required' };
  return { command: 'serve', options: options as unknown as FlagServerOptions };
}
