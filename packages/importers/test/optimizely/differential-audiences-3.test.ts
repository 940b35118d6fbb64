// Differential test, part 3 of 5 of the audience probes (see config-audiences.ts).
import { audiencesConfig } from './config-audiences.js';
import { describeDifferential } from './differential.js';

describeDifferential('audiences, part 3', audiencesConfig(2), 23, ['aud-big-number', 'aud-wrong-types']);
