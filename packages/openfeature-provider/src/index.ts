// Public entry of @ensign/openfeature-provider. Each export is named.
export { EnsignProvider, createEnsignProvider } from './ensign-provider.js';
export type { EnsignProviderOptions } from './ensign-provider.js';
export { toEnsignContext } from './context-mapping.js';
export type { ContextMapping } from './context-mapping.js';
export { errorCodeOf, flagMetadataOf, reasonOf } from './resolution.js';
