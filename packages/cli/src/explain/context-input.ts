// Turning `--context` / `--user` into an evaluation context.
import { readFileSync } from 'node:fs';
import type { AmplitudeUser, Context } from '@ensign/context';
import { amplitudeUserToContext, optimizelyUserToContext, validateContext } from '@ensign/context';
import { CliError } from '../io.js';

/** The user shapes `--user` accepts. */
export type UserFace = 'optimizely' | 'amplitude';

/** The evaluation context and how it was obtained. */
export interface ContextInput {
  context: Context;
  /** `context` for `--context`, else the face of the `--user` shape. */
  source: 'context' | UserFace;
  warnings: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `@path` reads a file, anything else is JSON text. */
function readJsonArgument(option: string, text: string): unknown {
  let source = text;
  if (text.startsWith('@')) {
    try {
      source = readFileSync(text.slice(1), 'utf8');
    } catch (e) {
      throw new CliError(`${option}: cannot read ${text.slice(1)}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  try {
    return JSON.parse(source) as unknown;
  } catch (e) {
    throw new CliError(`${option} must be JSON (or @file): ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Which face a `--user` object is written for: `userId` is Optimizely's, `user_id` / `device_id` Amplitude's.
 * Returns null when neither is present.
 *
 * @example
 * detectUserFace({ user_id: 'u-1', user_properties: { plan: 'pro' } }); // 'amplitude'
 */
export function detectUserFace(user: unknown): UserFace | null {
  if (!isRecord(user)) return null;
  if ('userId' in user) return 'optimizely';
  if ('user_id' in user || 'device_id' in user) return 'amplitude';
  return null;
}

function fromOptimizely(user: unknown): Context {
  if (!isRecord(user) || typeof user['userId'] !== 'string') {
    throw new CliError('--user for Optimizely must be { "userId": "...", "attributes": { ... } } with a string userId');
  }
  const attributes = user['attributes'];
  if (attributes !== undefined && !isRecord(attributes)) throw new CliError('--user: "attributes" must be an object');
  return optimizelyUserToContext(user['userId'], attributes);
}

/**
 * Builds the context of `ensign explain` from `--context` (a LaunchDarkly-style context, or a legacy user) or
 * `--user` (an Optimizely `{ userId, attributes }` or an Amplitude `{ user_id, device_id, user_properties }`, the face
 * given by `--face` or detected). Each value is JSON text or `@file`. Throws {@link CliError} for a bad input.
 *
 * @example
 * contextFromOptions({ user: '{"userId":"user-42","attributes":{"plan":"pro"}}' }).context;
 * // { kind: 'user', key: 'user-42', plan: 'pro' }
 */
export function contextFromOptions(options: { context?: string; user?: string; face?: string }): ContextInput {
  if (options.context !== undefined && options.user !== undefined) throw new CliError('give either --context or --user, not both');
  if (options.context === undefined && options.user === undefined) {
    throw new CliError('give the context to evaluate: --context \'{"kind":"user","key":"user-42"}\' or --user \'{"userId":"user-42"}\'');
  }
  if (options.face !== undefined && options.face !== 'optimizely' && options.face !== 'amplitude') {
    throw new CliError(`--face must be optimizely or amplitude, got "${options.face}"`);
  }
  let source: ContextInput['source'] = 'context';
  let candidate: unknown;
  let warnings: string[] = [];
  if (options.context !== undefined) {
    candidate = readJsonArgument('--context', options.context);
  } else {
    const user = readJsonArgument('--user', options.user as string);
    const face = (options.face as UserFace | undefined) ?? detectUserFace(user);
    if (face === null) {
      throw new CliError('--user: cannot tell the shape; it has neither "userId" (Optimizely) nor "user_id"/"device_id" (Amplitude): pass --face');
    }
    source = face;
    if (face === 'optimizely') candidate = fromOptimizely(user);
    else {
      if (!isRecord(user)) throw new CliError('--user for Amplitude must be an object');
      const converted = amplitudeUserToContext(user as AmplitudeUser);
      if (!converted.ok) throw new CliError(`--user: ${converted.error}`);
      candidate = converted.context;
      warnings = converted.warnings;
    }
  }
  const checked = validateContext(candidate);
  if (!checked.ok) throw new CliError(`${source === 'context' ? '--context' : '--user'}: ${checked.error}`);
  return { context: checked.context, source, warnings: [...warnings, ...checked.warnings] };
}
