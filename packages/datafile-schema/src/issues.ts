// Issues and their paths: `flags[3].rules[0].conditions.and[1].op`.

/**
 * One problem found in a datafile: where (`path`) and what (`message`). Errors make a datafile invalid; warnings
 * (unknown fields, values that can never match, ...) do not.
 *
 * `path` uses dots for fields and brackets for indexes; a field name that is not an identifier is written in
 * brackets with JSON quotes (`variables["max-items"]`). The document itself is the empty path `''`.
 *
 * @example
 * const issue: DatafileIssue = { path: 'flags[3].rules[0].conditions.and[1].op', message: 'unknown operator "is"' };
 */
export interface DatafileIssue {
  path: string;
  message: string;
}

/** A path segment: a field name or an array index. */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats path segments as an issue path.
 *
 * @example
 * formatPath(['flags', 3, 'variables', 'max-items']); // 'flags[3].variables["max-items"]'
 */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) out = appendPath(out, segment);
  return out;
}

/**
 * Appends one segment to an issue path.
 *
 * @example
 * appendPath('flags[3]', 'rules'); // 'flags[3].rules'
 * appendPath('flags[3].rules', 0); // 'flags[3].rules[0]'
 */
export function appendPath(path: string, segment: PathSegment): string {
  if (typeof segment === 'number') return `${path}[${segment}]`;
  if (IDENTIFIER.test(segment)) return path === '' ? segment : `${path}.${segment}`;
  return `${path}[${JSON.stringify(segment)}]`;
}

/**
 * Formats issues as one log line each: `path: message` (the document itself shows as `(root)`).
 * Returns `''` for no issues. Long lists are cut after `limit` lines (default 20) with a count of the rest.
 *
 * @example
 * const result = parseDatafile(text);
 * if (!result.ok) logger.error(`datafile rejected:\n${formatIssues(result.issues)}`);
 * // flags[3].rules[0].conditions.and[1].op: unknown operator "is"
 */
export function formatIssues(issues: readonly DatafileIssue[], limit = 20): string {
  const max = Number.isInteger(limit) && limit > 0 ? limit : 20;
  const lines: string[] = [];
  for (let i = 0; i < issues.length && i < max; i++) {
    const issue = issues[i] as DatafileIssue;
    lines.push(`${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`);
  }
  if (issues.length > max) lines.push(`... and ${issues.length - max} more`);
  return lines.join('\n');
}
