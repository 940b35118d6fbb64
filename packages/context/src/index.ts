// Public entry of @ensign/context: each export is named.
export type {
  Context,
  ContextMeta,
  ContextValidation,
  JsonValue,
  LegacyUser,
  MultiKindContext,
  SingleKindContext,
} from './types.js';
export { isValidKind } from './kind.js';
export {
  attributeReferenceFromComponents,
  escapeReferenceComponent,
  literalAttributeReference,
  parseAttributeReference,
} from './attribute-reference.js';
export type { AttributeReference } from './attribute-reference.js';
export { CONTEXT_LIMITS } from './json-copy.js';
export { validateContext } from './validate-context.js';
export type { ValidateContextOptions } from './validate-context.js';
export { flatContext, instanceSingleContext, plainSingleContext } from './flat-context.js';
export { flatUserContext } from './flat-amplitude-user.js';
export { contextBuilder, createContext, createMultiContext } from './builders.js';
export type { ContextBuilder } from './builders.js';
export { getAttribute, getContextKinds, getIndividualContext } from './access.js';
export { canonicalKey } from './canonical-key.js';
export { createContextRedactor, redactContext } from './redact-context.js';
export type { ContextRedactor, RedactOptions } from './redact-context.js';
export { LEGACY_TEXT_ATTRIBUTES, legacyUserToContext, wasLegacyUser } from './legacy-user.js';
export { optimizelyUserToContext } from './optimizely-user.js';
export { isEscapedVendorName, setVendorAttribute, vendorAttributeName, vendorAttributeReference, VENDOR_ATTRIBUTE_PREFIX } from './vendor-attributes.js';
export { amplitudeUserToContext } from './amplitude-user.js';
export type { AmplitudeUser } from './amplitude-user.js';
export { amplitudeSelectorToReference } from './amplitude-selector.js';
