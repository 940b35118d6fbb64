// The CLI's version, read from its package.json at run time (dist/ and src/ both sit next to it).
import { readFileSync } from 'node:fs';

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * The version of `@ensign/cli`, as `ensign --version` prints it.
 *
 * @example
 * CLI_VERSION; // '0.1.0'
 */
export const CLI_VERSION = readVersion();
