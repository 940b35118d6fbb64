// Differential test, part 2 of 5 of the audience probes (see config-audiences.ts).
import { audiencesConfig } from './config-audiences.js';
import { describeDifferential } from './differential.js';

describeDifferential('audiences, part 2', audiencesConfig(1), 22, ['aud-big-number', 'aud-wrong-types']);
