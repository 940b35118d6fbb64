// The vendor's input, given as parsed JSON or as text: read it once, never throw.
import { isRecord } from './values.js';

/** The input as a plain object, or the reason it is not one. */
export type InputObject = { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly message: string };

/**
 * Reads an importer's input: an object is taken as it is; a string is parsed as JSON. Anything else, text that is not
 * JSON, or JSON that is not an object gives a message instead.
 *
 * @example
 * readInput('{"version":"4"}'); // { ok: true, value: { version: '4' } }
 * readInput('[1]'); // { ok: false, message: 'the input must be a JSON object' }
 */
export function readInput(input: unknown): InputObject {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (e) {
      return { ok: false, message: `the input is not JSON: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  if (!isRecord(value)) return { ok: false, message: 'the input must be a JSON object' };
  return { ok: true, value };
}
