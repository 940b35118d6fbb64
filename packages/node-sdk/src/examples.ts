export { exampleDatafile } from '@ensign/sdk-core/examples';
