import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command line that cannot run: exit code 2 with its one-line reason, never a stack trace. */
export class UsageError extends Error {}

/** node:util parseArgs, with its complaints (unknown option, missing value) as UsageErrors. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!);
  }
}
