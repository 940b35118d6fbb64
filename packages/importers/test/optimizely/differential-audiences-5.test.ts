// Differential test, part 5 of 5 of the audience probes (see config-audiences.ts).
import { audiencesConfig } from './config-audiences.js';
import { describeDifferential } from './differential.js';

describeDifferential('audiences, part 5', audiencesConfig(4), 25, ['aud-big-number', 'aud-wrong-types']);
