// Command-line options of `pnpm bench`.
import { WORKLOADS, type Workload } from './job.js';

/** Parsed options. */
export interface CliOptions {
  quick: boolean;
  only: Workload[];
  /** Restrict to these subjects (all when empty). */
  subjects: string[];
  json?: string;
  /** Flags of W3's init rows. */
  bigFlags: number;
  /** Per-job time limit. */
  timeoutMs: number;
  help: boolean;
}

/** The usage text. */
export const USAGE = `Usage: pnpm bench [-- options]
  --quick               short run (fewer, shorter samples; W4 volume 20 000 users, Ensign's heap check to 100 000)
  --only W1,W3          run only these workloads
  --subjects a,b        run only these implementations (e.g. baseline,ensign,growthbook)
  --json out.json       also save the results as JSON
  --flags N             flags of W3's init rows (default 10000)
  --timeout S           per-job time limit in seconds (default 300)
  --help`;

/** Parses argv (without node and script); throws an Error with a readable message on bad input. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { quick: false, only: [...WORKLOADS], subjects: [], bigFlags: 10_000, timeoutMs: 300_000, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--':
        break;
      case '--quick':
        options.quick = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--only': {
        const list = value().split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
        const bad = list.filter((w) => !(WORKLOADS as readonly string[]).includes(w));
        if (bad.length > 0) throw new Error(`--only: unknown workload ${bad.join(', ')} (known: ${WORKLOADS.join(', ')})`);
        options.only = list as Workload[];
        break;
      }
      case '--subjects':
        options.subjects = value().split(',').map((s) => s.trim()).filter(Boolean);
        break;
      case '--json':
        options.json = value();
        break;
      case '--flags': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new Error('--flags must be a positive integer');
        options.bigFlags = n;
        break;
      }
      case '--timeout': {
        const s = Number(value());
        if (!Number.isFinite(s) || s <= 0) throw new Error('--timeout must be a positive number of seconds');
        options.timeoutMs = s * 1_000;
        break;
      }
      default:
        throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  return options;
}
