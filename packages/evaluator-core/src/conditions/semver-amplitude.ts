// Amplitude Experiment's SemanticVersion (ampcore experiment-core semantic-version.ts): `major.minor[.patch[-pre]]`,
// major and minor required, leading zeros allowed, a pre-release sorts before its release and two pre-releases
// compare as plain strings. The vendor's expression `(([-\w]+\.?)*)` backtracks exponentially on hostile input;
// the equivalent unambiguous expression below accepts exactly the same strings in linear time.

/** A version as Amplitude parses it. `preRelease` keeps its leading `-`, as the vendor's capture group does. */
export interface AmplitudeVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly preRelease: string | undefined;
}

const VERSION = /^(\d+)\.(\d+)(?:\.(\d+)(-(?:[-\w]+(?:\.[-\w]+)*\.?)?)?)?$/;

/**
 * Parses a version as Amplitude does; undefined when it is not one.
 *
 * @example
 * parseAmplitudeVersion('5.6'); // { major: 5, minor: 6, patch: 0, preRelease: undefined }
 * parseAmplitudeVersion('10'); // undefined
 */
export function parseAmplitudeVersion(version: unknown): AmplitudeVersion | undefined {
  if (typeof version !== 'string' || version === '') return undefined;
  const m = VERSION.exec(version);
  if (m === null) return undefined;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  const patch = Number(m[3]) || 0;
  const preRelease = m[4] || undefined;
  return { major, minor, patch, preRelease };
}

/**
 * Compares two Amplitude versions: negative, zero or positive.
 *
 * @example
 * compareAmplitudeVersions(parseAmplitudeVersion('20.9')!, parseAmplitudeVersion('20.20')!); // -1
 */
export function compareAmplitudeVersions(a: AmplitudeVersion, b: AmplitudeVersion): number {
  if (a.major !== b.major) return a.major > b.major ? 1 : -1;
  if (a.minor !== b.minor) return a.minor > b.minor ? 1 : -1;
  if (a.patch !== b.patch) return a.patch > b.patch ? 1 : -1;
  if (a.preRelease !== undefined && b.preRelease === undefined) return -1;
  if (a.preRelease === undefined && b.preRelease !== undefined) return 1;
  if (a.preRelease !== undefined && b.preRelease !== undefined) {
    if (a.preRelease > b.preRelease) return 1;
    if (a.preRelease < b.preRelease) return -1;
  }
  return 0;
}
