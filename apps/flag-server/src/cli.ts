#!/usr/bin/env node
// The `ensign-flag-server` command: serve a data folder, or generate a signing key.
import { parseCli, USAGE } from './cli-args.js';
import { startFlagServer } from './server.js';
import { startAggregator } from './fleet/aggregator.js';
import { createConsoleLogger } from '@ensign/common';
import { writeSigningKey } from './signing/keygen.js';

async function main(): Promise<number> {
  const parsed = parseCli(process.argv.slice(2), process.env['INIT_CWD'] ?? process.cwd());
  if (parsed.command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.command === 'error') {
    process.stderr.write(`ensign-flag-server: ${parsed.message}\n${USAGE}`);
    return 2;
  }
  if (parsed.command === 'keygen') {
    const publicPem = await writeSigningKey(parsed.out, parsed.force);
    process.stderr.write(`private key written to ${parsed.out}; give SDKs this public key:\n`);
    process.stdout.write(publicPem);
    return 0;
  }
  const server =
    parsed.command === 'aggregate'
      ? await startAggregator({
          nats: parsed.nats,
          redis: parsed.redis,
          ...(parsed.redisPrefix === undefined ? {} : { redisPrefix: parsed.redisPrefix }),
          logger: createConsoleLogger({ level: (parsed.level ?? 'info') as 'info', prefix: '[ensign-aggregator]' }),
        })
      : await startFlagServer(parsed.options);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      process.stderr.write(`second ${signal}: exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ensign-flag-server: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
