/** A command line that cannot run: exit code 2 with its one-line reason, never a stack trace. */
export class UsageError extends Error {}
