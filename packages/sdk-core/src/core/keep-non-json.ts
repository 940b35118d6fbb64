// The context option the three faces share: values that are not JSON (a `Date`, `NaN`, a function...) are kept, as
// the vendors' SDKs keep them, where `validateContext` would reject the context (see @ensign/context).
import type { ValidateContextOptions } from '@ensign/context';

/** `{ keepNonJsonValues: true }`, frozen: the options of `validateContext` and `amplitudeUserToContext` in the faces. */
export const KEEP_NON_JSON: ValidateContextOptions = Object.freeze({ keepNonJsonValues: true });
