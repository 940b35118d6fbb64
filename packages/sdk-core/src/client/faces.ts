// The faces every client wears. A new face is one folder under src/faces plus one line here (and its interface in
// client-types.ts): see the README's "Adding a face".
import type { ClientCore } from '../core/client-core.js';
import { createAmplitudeFace } from '../faces/amplitude/amplitude-face.js';
import { createAmplitudeRemoteFace } from '../faces/amplitude/remote-fetch.js';
import { createLaunchDarklyFace } from '../faces/launchdarkly/launchdarkly-face.js';
import { createOptimizelyFace } from '../faces/optimizely/optimizely-face.js';

/** The built-in faces, in the order their methods are merged onto the client. */
export const BUILT_IN_FACES: readonly ((core: ClientCore) => object)[] = [
  createLaunchDarklyFace,
  createAmplitudeFace,
  createAmplitudeRemoteFace,
  createOptimizelyFace,
];
