// The `./examples` subpath of @ensign/sdk-core: the example datafile of @ensign/datafile-schema, off the runtime entry.
export { exampleDatafile } from '@ensign/datafile-schema/examples';
