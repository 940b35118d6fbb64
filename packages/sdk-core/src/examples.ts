// The `./examples` subpath of @ensign/sdk-core: the example datafile, kept off the runtime entry.
export { exampleDatafile } from './examples/example-datafile.js';
