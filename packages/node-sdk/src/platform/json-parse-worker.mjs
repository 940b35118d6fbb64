// The worker behind readJsonOffThread (json-worker.ts): reads a JSON file, refuses it when it is larger than
// maxBytes or nested deeper than maxNesting (a linear scan, before JSON.parse), parses it and posts the value.
// Plain JavaScript so it runs as is from src/ and dist/ (the build copies it); no eval anywhere.
import { readFile, stat } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';

/** The position past nesting deeper than max, or -1; strings are skipped with indexOf. */
function findDeepNesting(text, max) {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) {
      let j = text.indexOf('"', i + 1);
      while (j > 0 && text.charCodeAt(j - 1) === 92) {
        let backslashes = 0;
        for (let k = j - 1; text.charCodeAt(k) === 92; k--) backslashes++;
        if (backslashes % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      if (j < 0) return -1;
      i = j;
    } else if (ch === 91 || ch === 123) {
      if (++depth > max) return i;
    } else if (ch === 93 || ch === 125) depth--;
  }
  return -1;
}

async function run({ path, maxBytes, maxNesting }) {
  const { size } = await stat(path);
  if (size > maxBytes) return { ok: false, message: `the file is ${size} bytes, more than ${maxBytes} (maxBytes); it was not read` };
  const bytes = await readFile(path);
  if (bytes.length > maxBytes) return { ok: false, message: `the file is more than ${maxBytes} bytes (maxBytes); it was not parsed` };
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const at = findDeepNesting(text, maxNesting);
  if (at >= 0) return { ok: false, message: `the JSON is nested deeper than ${maxNesting} levels at position ${at}; it was not parsed` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

run(workerData).then(
  (result) => parentPort.postMessage(result),
  (error) => parentPort.postMessage({ ok: false, message: `cannot read the file (${error?.code ?? 'error'})` }),
);
