// Differential test of the GrowthBook "conditions" configuration (see configs.ts).
import { CONFIGS } from './configs.js';
import { describeDifferential } from './differential.js';

describeDifferential(CONFIGS.conditions, 40);
