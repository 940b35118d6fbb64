// A full garbage collection before a measured part, so that the garbage of the setup (the user pool, the generated
// flags, the modules loaded) is not collected inside it: otherwise an incremental marking the setup started runs its
// steps on the measured calls' allocations, in one row's run and not in another's (26 M instructions in the measured
// part of the W2 baseline's run with 5 000 calls, none in its run with 0: 5 300 instructions per call, 7 % of the
// row). The measured calls' own garbage is still collected inside the measured part, and counted. The child calls it
// for every workload, after the row's setup and warm-up (W3's setup, which builds 10 000 flags, included).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null = null;

/** Two full garbage collections (`--expose-gc` turned on for the call, whatever flags the process started with). */
export function settleHeap(): void {
  if (collect === null) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  collect();
}
