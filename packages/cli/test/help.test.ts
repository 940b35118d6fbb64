import { beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT_MS, buildCli, runCli } from './helpers/cli-process.js';

beforeAll(buildCli, BUILD_TIMEOUT_MS);

describe('ensign --help', () => {
  it.each(['import', 'validate', 'explain', 'typegen'])('shows the usage of %s with an example', async (command) => {
    const r = await runCli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: ensign ${command} `);
    expect(r.stdout).toMatch(new RegExp(`Examples?:\\n {2}\\$ (.*\\| )?ensign ${command} `));
  });

  it('lists the four commands, and prints the usage with exit code 1 when run without one', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['import', 'validate', 'explain', 'typegen']) expect(help.stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
    const bare = await runCli([]);
    expect(bare.code).toBe(1);
    expect(bare.stdout).toContain('Usage: ensign');
  });

  it('prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('rejects an unknown command with exit code 1', async () => {
    const r = await runCli(['deploy']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("unknown command 'deploy'");
  });
});
