// Differential test, part 4 of 5 of the audience probes (see config-audiences.ts).
import { audiencesConfig } from './config-audiences.js';
import { describeDifferential } from './differential.js';

describeDifferential('audiences, part 4', audiencesConfig(3), 24, ['aud-big-number', 'aud-wrong-types']);
