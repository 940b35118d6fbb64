// Differential test of the GrowthBook "rollouts" configuration (see configs.ts).
import { CONFIGS } from './configs.js';
import { describeDifferential } from './differential.js';

describeDifferential(CONFIGS.rollouts, 38);
