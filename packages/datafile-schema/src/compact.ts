// compactDatafile: writes a datafile in the compact encoding (flag templates), for a flag server or the CLI to serve.
import type { Datafile, Flag } from './types.js';
import { TEMPLATE_FIELD, TEMPLATE_OWN_FIELDS, TEMPLATES_FIELD } from './validate/templates.js';

/** Options of {@link compactDatafile}. */
export interface CompactOptions {
  /** Fewest flags that must share their fields for those fields to become a template. Default 2. */
  minShared?: number;
}

/** A datafile in the compact encoding: `flagTemplates` by name, and flags that name one in `template`. */
export type CompactDatafile = Omit<Datafile, 'flags'> & {
  flagTemplates?: Record<string, Partial<Flag>>;
  flags: (Flag | (Partial<Flag> & { key: string; template: string }))[];
};

function split(flag: Flag): { own: Record<string, unknown>; shared: Record<string, unknown>; id: string } {
  const own: [string, unknown][] = [];
  const shared: [string, unknown][] = [];
  for (const entry of Object.entries(flag)) (TEMPLATE_OWN_FIELDS.has(entry[0]) ? own : shared).push(entry);
  // fromEntries defines properties: a "__proto__" field stays data.
  const sharedFields = Object.fromEntries(shared);
  return { own: Object.fromEntries(own), shared: sharedFields, id: JSON.stringify(sharedFields) };
}

/**
 * Writes `datafile` in the compact encoding: the fields that at least `minShared` flags have identically (all but
 * `key`, `id`, `name`, `description`, `salt`, `version` and `tags`) go once into a template of `flagTemplates`, and
 * those flags keep their own fields plus `template`. `parseDatafile` expands it back to the same flags (and checks
 * a template's fields once for all its flags), so the text is smaller and loads faster. An SDK that predates
 * templates cannot read it: serve it only to clients that ask for it. Give it a datafile that uses no templates.
 *
 * @example
 * import { compactDatafile, parseDatafile } from '@ensign/datafile-schema';
 * import { generateDatafile } from '@ensign/datafile-schema/testing';
 * const datafile = generateDatafile({ flags: 1000 });
 * const text = JSON.stringify(compactDatafile(datafile)); // about a tenth of JSON.stringify(datafile)
 * const result = parseDatafile(text); // result.ok, with the same 1000 flags
 */
export function compactDatafile(datafile: Datafile, options?: CompactOptions): CompactDatafile {
  const minShared = Math.max(2, Math.floor(options?.minShared ?? 2));
  const flags = Array.isArray(datafile.flags) ? datafile.flags : [];
  const parts = flags.map(split);
  const counts = new Map<string, number>();
  for (const p of parts) counts.set(p.id, (counts.get(p.id) ?? 0) + 1);
  const names = new Map<string, string>();
  const templates: Record<string, Partial<Flag>> = {};
  const out = parts.map((p, i) => {
    if ((counts.get(p.id) ?? 0) < minShared) return flags[i] as Flag;
    let name = names.get(p.id);
    if (name === undefined) {
      name = `t${names.size + 1}`;
      names.set(p.id, name);
      templates[name] = p.shared as Partial<Flag>;
    }
    return { ...p.own, [TEMPLATE_FIELD]: name } as Partial<Flag> & { key: string; template: string };
  });
  const rest: Record<string, unknown> = { ...datafile };
  delete rest.flags;
  if (names.size > 0) rest[TEMPLATES_FIELD] = templates;
  return { ...rest, flags: out } as CompactDatafile;
}
