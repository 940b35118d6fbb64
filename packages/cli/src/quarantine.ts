// The entities a parser set aside (quarantined) while loading the rest of a datafile.
import type { DatafileIssue } from '@ensign/datafile-schema';

/**
 * An entity the parser set aside while loading the rest (a flag, a segment, ...), with the JSON path of the problem.
 * Parsers that quarantine nothing report none.
 */
export interface QuarantinedEntity {
  kind: string;
  key: string;
  path: string;
  message: string;
  /** Each problem found in the entity, with its path (parsers that give only `message` give none). */
  issues: DatafileIssue[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The quarantine list of a `parseDatafile` result, read defensively (parsers before quarantine have none).
 *
 * @example
 * for (const q of quarantineOf(parseDatafile(text))) console.log(q.kind, q.key, q.path);
 */
export function quarantineOf(result: unknown): QuarantinedEntity[] {
  const list = isRecord(result) ? result['quarantined'] : undefined;
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).map((q) => ({
    kind: typeof q['kind'] === 'string' ? q['kind'] : 'entity',
    key: typeof q['key'] === 'string' ? q['key'] : '',
    path: typeof q['path'] === 'string' ? q['path'] : '',
    message: typeof q['message'] === 'string' ? q['message'] : String(q['message']),
    issues: Array.isArray(q['issues'])
      ? q['issues'].filter(isRecord).map((i) => ({ path: String(i['path'] ?? ''), message: String(i['message'] ?? '') }))
      : [],
  }));
}

