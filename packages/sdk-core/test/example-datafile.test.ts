// The example datafile's own tests are in @ensign/datafile-schema (src/examples); this checks that sdk-core's
// `./examples` subpath serves that same object rather than a copy.
import { exampleDatafile as fromSchema } from '@ensign/datafile-schema/examples';
import { describe, expect, it } from 'vitest';
import { exampleDatafile } from './client.js';

describe('the ./examples subpath of sdk-core', () => {
  it('serves the datafile-schema example itself', () => {
    expect(exampleDatafile).toBe(fromSchema);
  });
});
