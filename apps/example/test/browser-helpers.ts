// Shared set-up of the browser tests: Debian's Chromium driven by playwright-core (never a downloaded browser), a copy
// of the app's datafile in a temporary folder, and the screenshot folder.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Where Debian's `chromium` package installs the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const here = dirname(fileURLToPath(import.meta.url));

/** The app's own datafile. */
export const APP_DATAFILE = join(here, '..', 'datafile.json');

/** Screenshots of the browser tests (gitignored). */
export const ARTIFACTS_DIR = join(here, '..', 'test-artifacts');

/**
 * Launches headless Chromium from `/usr/bin/chromium`. Throws (the test fails, it is not skipped) when it is missing.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: the browser tests need Debian's Chromium (apt-get install -y chromium); they never download a browser`);
  }
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** A temporary folder holding a copy of the app's datafile (so a test can edit it), and the app's data folder. */
export async function scratchDir(): Promise<{ dir: string; datafilePath: string; dataDir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'ensign-example-'));
  const datafilePath = join(dir, 'datafile.json');
  await copyFile(APP_DATAFILE, datafilePath);
  return { dir, datafilePath, dataDir: join(dir, 'data') };
}

/** Polls `check` every 100 ms until it returns true, at most `timeoutMs`; returns whether it did. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 8_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
