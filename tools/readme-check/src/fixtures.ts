// The files a document's blocks read, copied into each block's temporary folder: name in the folder → path in the
// repository. A block that reads a file its document does not show gets it here, from the repository's own data.
import { join } from 'node:path';

export const FIXTURES: Record<string, Record<string, string>> = {};

/** The fixtures of one Markdown file, as absolute paths. */
export function fixturesOf(root: string, file: string): Record<string, string> {
  return Object.fromEntries(Object.entries(FIXTURES[file] ?? {}).map(([name, path]) => [name, join(root, path)]));
}
