// Differential test of the GrowthBook "prerequisites" configuration (see configs.ts).
import { CONFIGS } from './configs.js';
import { describeDifferential } from './differential.js';

describeDifferential(CONFIGS.prerequisites, 43);
