// Syntax of the strings that operators and references parse: versions (per semantics), dates, attribute
// references and context kinds. All checks are linear: no pattern here can backtrack.
import type { Semantics } from '../types.js';

const DIGITS = /^\d+$/;
const NUMERIC_ID = /^(0|[1-9]\d*)$/;
const SEMVER_ID = /^[0-9A-Za-z-]+$/;

function dotIdentifiers(text: string, numericNoLeadingZero: boolean): boolean {
  if (text === '') return false;
  for (const part of text.split('.')) {
    if (!SEMVER_ID.test(part)) return false;
    if (numericNoLeadingZero && DIGITS.test(part) && !NUMERIC_ID.test(part)) return false;
  }
  return true;
}

/** ensign / launchdarkly: SemVer 2.0.0 where a missing minor or patch counts as 0 (`1` = `1.0.0`); no leading `v`. */
function ensignVersion(v: string): boolean {
  const plus = v.indexOf('+');
  const core = plus >= 0 ? v.slice(0, plus) : v;
  if (plus >= 0 && !dotIdentifiers(v.slice(plus + 1), false)) return false;
  const dash = core.indexOf('-');
  const numbers = dash >= 0 ? core.slice(0, dash) : core;
  if (dash >= 0 && !dotIdentifiers(core.slice(dash + 1), true)) return false;
  const parts = numbers.split('.');
  if (parts.length > 3) return false;
  return parts.every((p) => NUMERIC_ID.test(p));
}

/** optimizely (`semantic_version#splitVersion`): no whitespace; 1 to 3 numeric dot parts before `-` or `+`. */
function optimizelyVersion(v: string): boolean {
  if (/\s/.test(v)) return false;
  const dash = v.indexOf('-');
  const plus = v.indexOf('+');
  let prefix = v;
  if (dash >= 0 && (plus < 0 || dash < plus)) prefix = v.slice(0, dash);
  else if (plus >= 0) prefix = v.slice(0, plus);
  const parts = prefix.split('.');
  if (parts.length > 3) return false;
  return parts.every((p) => DIGITS.test(p));
}

/**
 * amplitude (`SemanticVersion.parse`): `^(\d+)\.(\d+)(\.(\d+)(-(([-\w]+\.?)*))?)?$`, checked without that
 * pattern, whose nested quantifier would backtrack on long pre-release strings.
 */
function amplitudeVersion(v: string): boolean {
  const m = /^(\d+)\.(\d+)(?:\.(\d+)(?:-(.*))?)?$/s.exec(v);
  if (m === null) return false;
  const pre = m[4];
  if (pre === undefined || pre === '') return true;
  // ([-\w]+\.?)* : word characters and '-', where each '.' follows one of them
  if (pre[0] === '.') return false;
  for (let i = 0; i < pre.length; i++) {
    const ch = pre[i] as string;
    if (ch === '.') {
      if (pre[i - 1] === '.') return false;
    } else if (!/[-\w]/.test(ch)) return false;
  }
  return true;
}

/**
 * Tells whether a version string parses under the given semantics' rules.
 *
 * @example
 * isVersion('2.9', 'optimizely'); // true
 * isVersion('10', 'amplitude'); // false: major and minor are required
 */
export function isVersion(v: string, semantics: Semantics): boolean {
  switch (semantics) {
    case 'optimizely':
      return optimizelyVersion(v);
    case 'amplitude':
      return amplitudeVersion(v);
    default:
      return ensignVersion(v);
  }
}

const RFC3339 = /^\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[-+]\d\d(:\d\d)?)$/i;

/** A date value of `before` / `after`: epoch milliseconds or an RFC 3339 date-time (LaunchDarkly's rule). */
export function isDateValue(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v === 'string' && RFC3339.test(v) && !Number.isNaN(Date.parse(v));
}

/**
 * Why an attribute reference is invalid, or null. A reference not starting with `/` is one literal name; one
 * starting with `/` is a path whose components are unescaped `~1` → `/`, `~0` → `~` (LaunchDarkly's rules).
 * `vendorNames`: a condition of `optimizely` or `amplitude` semantics, where `_meta` is an ordinary attribute name.
 *
 * @example
 * attributeRefProblem('/address//city'); // 'it has an empty component'
 */
export function attributeRefProblem(ref: string, vendorNames = false): string | null {
  if (ref === '') return 'it is empty';
  if (ref[0] !== '/') return null;
  if (ref === '/') return 'it has no component';
  const parts = ref.slice(1).split('/');
  for (const part of parts) {
    if (part === '') return 'it has an empty component';
    for (let i = 0; i < part.length; i++) {
      if (part[i] === '~' && part[i + 1] !== '0' && part[i + 1] !== '1') return 'a "~" is not followed by 0 or 1';
    }
  }
  // Optimizely and Amplitude allow any attribute name: their conditions read `_meta` as the user's own attribute.
  if (parts[0] === '_meta' && !vendorNames) return '"_meta" is reserved';
  return null;
}

const KIND = /^[A-Za-z0-9._-]+$/;

/** Why a context kind is invalid, or null: ASCII letters, digits, `.`, `_`, `-`; not `kind` nor `multi`. */
export function contextKindProblem(kind: string): string | null {
  if (!KIND.test(kind)) return 'a context kind may hold only ASCII letters, digits, ".", "_" and "-"';
  if (kind === 'kind' || kind === 'multi') return `"${kind}" is reserved`;
  return null;
}
