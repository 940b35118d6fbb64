// An Ensign package (or one of its exports) that does not exist yet: the row is reported as missing, never faked.

/** Thrown by a subject whose implementation is not there. */
export class MissingImplementationError extends Error {
  override readonly name = 'MissingImplementationError';
}

/**
 * Imports a module and checks that it exports functions of these names; throws `MissingImplementationError`
 * (naming what is absent) when the module cannot be loaded or lacks one of them.
 */
export async function requireExports<T>(specifier: string, names: readonly string[]): Promise<T> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    throw new MissingImplementationError(`${specifier} cannot be loaded: ${(error as Error).message.split('\n')[0]}`);
  }
  const absent = names.filter((n) => typeof mod[n] !== 'function');
  if (absent.length > 0) throw new MissingImplementationError(`${specifier} does not export ${absent.join(', ')}`);
  return mod as T;
}
