// The workloads of `bench:instructions` and `bench:neutral`, one file each. To add one, write
// `workloads/<name>.ts` exporting a `Workload` (see ../../neutral/op.ts) and list it here.
import type { Workload } from '../../neutral/op.js';
import { w1 } from './w1.js';
import { w2 } from './w2.js';
import { w3 } from './w3.js';
import { w4 } from './w4.js';

export const WORKLOADS: readonly Workload[] = [w1, w2, w3, w4];

/** The workload named `name` (case-insensitive), or undefined. */
export function findWorkload(name: string): Workload | undefined {
  return WORKLOADS.find((w) => w.name.toLowerCase() === name.toLowerCase());
}
