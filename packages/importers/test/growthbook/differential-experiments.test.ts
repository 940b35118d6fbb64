// Differential test of the GrowthBook "experiments" configuration (see configs.ts).
import { CONFIGS } from './configs.js';
import { describeDifferential } from './differential.js';

describeDifferential(CONFIGS.experiments, 41);
