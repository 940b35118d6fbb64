// Differential test of the "rollouts" configuration (see config-rollouts.ts).
import { rolloutsConfig } from './config-rollouts.js';
import { describeDifferential } from './differential.js';

describeDifferential('rollouts', rolloutsConfig(), 12, ['no-rules']);
