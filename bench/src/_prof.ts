import { readFileSync } from 'node:fs';
import { profileLines, readProfile } from './instructions/profile.js';
const [zero, full, n = '60', filter = ''] = process.argv.slice(2);
const pid = (f: string) => Number(/pid: (\d+)/.exec(readFileSync(f, 'utf8').slice(0, 300))![1]);
console.log(profileLines(readProfile(zero!, pid(zero!)), readProfile(full!, pid(full!)), 1, 400).filter((l) => l.includes(filter)).slice(0, Number(n)).join('\n'));
