// Differential test, part 1 of 5 of the audience probes (see config-audiences.ts).
import { audiencesConfig } from './config-audiences.js';
import { describeDifferential } from './differential.js';

describeDifferential('audiences, part 1', audiencesConfig(0), 21, ['aud-big-number', 'aud-wrong-types']);
