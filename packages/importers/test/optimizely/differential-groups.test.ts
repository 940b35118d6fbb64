// Differential test of the "groups" configuration (see config-groups.ts).
import { groupsConfig } from './config-groups.js';
import { describeDifferential } from './differential.js';

describeDifferential('groups', groupsConfig(), 13);
