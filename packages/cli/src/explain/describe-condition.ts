// A datafile condition in one line, for people: `country in ["US","CA"] and plan in ["pro"]`.
import type { Condition, JsonValue } from '@ensign/datafile-schema';

const MAX_VALUES = 5;
const MAX_LENGTH = 240;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function values(list: unknown): string {
  if (!Array.isArray(list)) return '[]';
  const shown = list.slice(0, MAX_VALUES).map((v) => clip(JSON.stringify(v as JsonValue) ?? 'null', 60));
  if (list.length > MAX_VALUES) shown.push(`… ${list.length - MAX_VALUES} more`);
  return `[${shown.join(', ')}]`;
}

function describe(c: unknown, depth: number): string {
  if (!isRecord(c)) return '(invalid condition)';
  if (depth > 8) return '(…)';
  const group = (items: unknown, joiner: string): string => {
    const list = Array.isArray(items) ? items : [];
    if (list.length === 0) return joiner === ' and ' ? '(always)' : '(never)';
    const parts = list.map((item) => {
      const text = describe(item, depth + 1);
      return isRecord(item) && (Array.isArray(item['and']) || Array.isArray(item['or'])) ? `(${text})` : text;
    });
    return parts.join(joiner);
  };
  if ('and' in c) return group(c['and'], ' and ');
  if ('or' in c) return group(c['or'], ' or ');
  if ('not' in c) return `not (${describe(c['not'], depth + 1)})`;
  if ('audience' in c) return `audience ${JSON.stringify(c['audience'])}`;
  if ('mongo' in c) {
    const scope = typeof c['flag'] === 'string' ? `flag ${JSON.stringify(c['flag'])} value ` : typeof c['contextKind'] === 'string' ? `${c['contextKind']} ` : '';
    return `${scope}matches ${clip(JSON.stringify(c['mongo']), 120)}`;
  }
  const negate = c['negate'] === true ? 'not ' : '';
  const op = String(c['op']);
  if (typeof c['flag'] === 'string') {
    return `flag ${JSON.stringify(c['flag'])} ${c['select'] === 'value' ? 'value' : 'variation'} ${negate}${op} ${values(c['values'])}`;
  }
  if (op === 'segmentMatch') return `${negate}in segment ${values(c['values'])}`;
  if (op === 'qualified') return `${negate}qualified for ${values(c['values'])}`;
  if (op === 'inCohort') return `${negate}in cohort ${values(c['values'])}`;
  const kind = typeof c['contextKind'] === 'string' && c['contextKind'] !== 'user' ? `${c['contextKind']}:` : '';
  const attribute = typeof c['attribute'] === 'string' ? c['attribute'] : 'key';
  return op === 'exists' ? `${kind}${attribute} ${negate}exists` : `${kind}${attribute} ${negate}${op} ${values(c['values'])}`;
}

/**
 * Describes a condition tree in one line (at most 240 characters). Absent conditions are `everyone`.
 *
 * @example
 * describeCondition({ and: [{ attribute: 'country', op: 'in', values: ['US', 'CA'] }, { audience: '1001' }] });
 * // 'country in ["US", "CA"] and audience "1001"'
 */
export function describeCondition(condition: Condition | undefined): string {
  if (condition === undefined) return 'everyone';
  return clip(describe(condition, 0), MAX_LENGTH);
}
