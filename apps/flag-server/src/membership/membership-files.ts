import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A cohort file, `<dataDir>/cohorts/<cohortId>.json`. */
export interface CohortFile {
  cohortId: string;
  /** `User` for user cohorts, else the group type. */
  groupType: string;
  lastModified: number;
  memberIds: string[];
}

/** What reading a membership file came to. */
export type FileRead<T> = { ok: true; value: T } | { ok: false; missing: boolean; message: string };

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

async function readJson(path: string): Promise<FileRead<unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as { code?: unknown }).code === 'ENOENT';
    return { ok: false, missing, message: missing ? 'missing' : 'cannot be read' };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, missing: false, message: 'is not valid JSON' };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads `<dataDir>/segments/<environment>.json`: `{ "<userId or vuid>": ["<segment>", ...] }`. The file is read on
 * each call (it is small and edited by hand or by a sync job), as a `Map`, so ids like `__proto__` are plain keys.
 * A missing file means nobody qualifies for anything.
 *
 * @example
 * const read = await readSegmentsFile('./data', 'production');
 * read.ok && read.value.get('user-42'); // ['vip']
 */
export async function readSegmentsFile(dataDir: string, environment: string): Promise<FileRead<Map<string, string[]>>> {
  if (!SAFE_NAME.test(environment)) return { ok: false, missing: true, message: 'unsafe environment name' };
  const read = await readJson(join(dataDir, 'segments', `${environment}.json`));
  if (!read.ok) return read.missing ? { ok: true, value: new Map() } : { ok: false, missing: false, message: `segments/${environment}.json ${read.message}` };
  if (!isRecord(read.value)) return { ok: false, missing: false, message: `segments/${environment}.json must be an object of id → segment names` };
  const map = new Map<string, string[]>();
  for (const id of Object.keys(read.value)) {
    const list = read.value[id];
    if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) return { ok: false, missing: false, message: `segments/${environment}.json: "${id.slice(0, 60)}" must map to an array of strings` };
    map.set(id, list as string[]);
  }
  return { ok: true, value: map };
}

/**
 * Reads `<dataDir>/cohorts/<cohortId>.json`: `{ "cohortId", "groupType", "lastModified", "memberIds": [...] }`.
 * A cohort id that is not a plain file name is treated as missing.
 *
 * @example
 * const read = await readCohortFile('./data', 'c1');
 * read.ok && read.value.memberIds.length;
 */
export async function readCohortFile(dataDir: string, cohortId: string): Promise<FileRead<CohortFile>> {
  if (!SAFE_NAME.test(cohortId)) return { ok: false, missing: true, message: 'not a valid cohort id' };
  const read = await readJson(join(dataDir, 'cohorts', `${cohortId}.json`));
  if (!read.ok) return read;
  const c = read.value;
  const where = `cohorts/${cohortId}.json`;
  if (!isRecord(c)) return { ok: false, missing: false, message: `${where} must be an object` };
  if (!Array.isArray(c['memberIds']) || !c['memberIds'].every((m) => typeof m === 'string')) return { ok: false, missing: false, message: `${where}: memberIds must be an array of strings` };
  if (typeof c['lastModified'] !== 'number' || !Number.isFinite(c['lastModified'])) return { ok: false, missing: false, message: `${where}: lastModified must be a number (ms since the epoch)` };
  const groupType = typeof c['groupType'] === 'string' && c['groupType'] !== '' ? c['groupType'] : 'User';
  return { ok: true, value: { cohortId: typeof c['cohortId'] === 'string' ? c['cohortId'] : cohortId, groupType, lastModified: c['lastModified'], memberIds: c['memberIds'] as string[] } };
}

/**
 * Reads `<dataDir>/cohort-keys.json`: `{ "<apiKey>": "<secretKey>" }`, the credentials the cohort endpoint accepts.
 * Missing: no credentials (every cohort request is refused).
 *
 * @example
 * (await readCohortKeys('./data')).get('api-key-1'); // 'secret-1'
 */
export async function readCohortKeys(dataDir: string): Promise<Map<string, string>> {
  const read = await readJson(join(dataDir, 'cohort-keys.json'));
  const keys = new Map<string, string>();
  if (!read.ok || !isRecord(read.value)) return keys;
  for (const apiKey of Object.keys(read.value)) {
    const secret = read.value[apiKey];
    if (typeof secret === 'string' && secret !== '') keys.set(apiKey, secret);
  }
  return keys;
}
