/** Environment names are file names (`<environment>.json`): letters, digits, `.`, `_`, `-`, not starting with `.`. */
const ENVIRONMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/**
 * Whether a name can be an environment: it names the file `<dir>/<environment>.json`, so it is a plain file name
 * (letters, digits, `.`, `_`, `-`; not starting with `.`) and not `keys` (that file maps the SDK keys).
 *
 * @example
 * isEnvironmentName('production'); // true
 * isEnvironmentName('../etc/passwd'); // false
 */
export function isEnvironmentName(name: string): boolean {
  return ENVIRONMENT.test(name) && name !== 'keys';
}

/** The SDK keys of `keys.json`, read. */
export type KeysResult = { ok: true; keys: Map<string, string>; warnings: string[] } | { ok: false; error: string };

/**
 * Reads `keys.json`: an object mapping SDK keys to environment names. An entry whose environment is not a valid
 * name, or whose value is not a string, is skipped with a warning; text that is not a JSON object is an error.
 * Warnings never quote a key (only its position).
 *
 * @example
 * readKeys('{ "sdk-prod-1": "production" }'); // { ok: true, keys: Map { 'sdk-prod-1' => 'production' }, warnings: [] }
 */
export function readKeys(text: string): KeysResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `keys.json is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'keys.json must be an object of "<sdkKey>": "<environment>"' };
  const keys = new Map<string, string>();
  const warnings: string[] = [];
  let index = 0;
  for (const [key, environment] of Object.entries(value as Record<string, unknown>)) {
    index++;
    if (key.trim() === '' || key !== key.trim()) warnings.push(`keys.json entry ${index}: an SDK key must be non-empty without surrounding spaces; skipped`);
    else if (typeof environment !== 'string' || !isEnvironmentName(environment)) warnings.push(`keys.json entry ${index}: the environment must be a file name (letters, digits, ".", "_", "-"); skipped`);
    else keys.set(key, environment);
  }
  return { ok: true, keys, warnings };
}
