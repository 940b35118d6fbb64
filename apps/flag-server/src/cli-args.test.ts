import { describe, expect, it } from 'vitest';
import { parseCli } from './cli-args.js';

describe('parseCli', () => {
  it('reads the serve options, skipping the -- that pnpm passes, with paths relative to the given folder', () => {
    expect(parseCli(['--', '--port', '8080', '--data', './data', '--heartbeat-ms', '500'], '/srv')).toEqual({
      command: 'serve',
      options: { port: 8080, dataDir: '/srv/data', heartbeatMs: 500 },
    });
  });
  it('reads keygen', () => {
    expect(parseCli(['keygen', '--out', 'data/signing/k1.pem', '--force'], '/srv')).toEqual({ command: 'keygen', out: '/srv/data/signing/k1.pem', force: true });
  });
  it('reads the fleet options and the aggregator role', () => {
    expect(parseCli(['--data', 'd', '--redis', 'redis://127.0.0.1:6379', '--redis-prefix', 'app:', '--nats', 'nats://127.0.0.1:4222'], '/srv')).toEqual({
      command: 'serve',
      options: { dataDir: '/srv/d', redis: 'redis://127.0.0.1:6379', redisPrefix: 'app:', nats: 'nats://127.0.0.1:4222' },
    });
    expect(parseCli(['--role', 'aggregator', '--nats', 'nats://n:4222', '--redis', 'redis://r:6379'], '/srv')).toEqual({ command: 'aggregate', nats: 'nats://n:4222', redis: 'redis://r:6379', redisPrefix: undefined, level: undefined });
  });
  it.each([
    [['--role', 'aggregator', '--nats', 'nats://n:4222'], 'needs --nats and --redis'],
    [['--role', 'worker'], 'server or aggregator'],
    [[], '--data'],
    [['--data'], 'needs a value'],
    [['--data', 'd', '--port', 'x'], 'integer'],
    [['--data', 'd', '--bogus', '1'], 'unknown option'],
    [['keygen'], '--out'],
  ])('reports %j', (argv, message) => {
    const parsed = parseCli(argv, '/');
    expect(parsed.command).toBe('error');
    expect((parsed as { message: string }).message).toContain(message);
  });
});
