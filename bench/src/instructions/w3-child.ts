// The child of `bench:instructions:w3`: prepares one subject's W3 operation (text → ready), then runs it once inside
// `vm.Script#runInThisContext`, the only place where callgrind (`--toggle-collect` on node's
// ContextifyScript::RunInContext) counts instructions. Setup, module loading and tsx are not counted; the one
// cold run is, with its lazy compilation and, under `--single-threaded`, its garbage collection.
import vm from 'node:vm';
import { loadSubject } from '../subjects.js';

const [subjectName = 'ensign', flagsArg = '10000', repsArg = '1'] = process.argv.slice(2);
const subject = await loadSubject(subjectName);
if (subject.w3 === undefined) throw new Error(`${subjectName} has no W3 row`);
const op = await subject.w3(Number(flagsArg));
let sink: unknown;
(globalThis as { __ensignW3?: () => void }).__ensignW3 = () => {
  sink = op.run();
};
const script = new vm.Script('globalThis.__ensignW3()');
for (let i = 0; i < Number(repsArg); i++) script.runInThisContext();
if (sink === undefined) throw new Error(`${subjectName} returned nothing`);
