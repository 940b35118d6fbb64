// The datafile-schema rows of W3: `parseDatafile(text)` (parse + validate) beside `JSON.parse(text)` alone, on
// the same native datafile text, so that their ratio is the cost of validation.
import type { Subject } from '../harness/subject.js';
import { datafileText, loadSchema, parseOrThrow } from './api.js';

/** W3 only: `parseDatafile(text)` of the benchmark datafile (parse + validate). */
export const ensignParse: Subject = {
  name: 'ensign-parse',
  async w3(flags) {
    const schema = await loadSchema();
    const text = await datafileText(flags);
    return { async: false, evaluationsPerCall: 1, run: () => parseOrThrow(schema, text) };
  },
};

/** W3 only: `JSON.parse(text)` of the same text, the floor of any parser. */
export const jsonParse: Subject = {
  name: 'json-parse',
  async w3(flags) {
    const text = await datafileText(flags);
    return { async: false, evaluationsPerCall: 1, run: () => JSON.parse(text) as unknown };
  },
};
