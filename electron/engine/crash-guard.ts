// The last line of defence of every entry point (the CLI, the web server, the desktop app): an
// exception nothing caught must not make Haul vanish. It saves what the engines can save, writes
// the error with its stack to the data folder's log, tells the user where, and ends the process.
// Continuing after an uncaught exception is unsafe (Node's own advice), so it never does.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from './private-files';

export interface CrashGuardOptions {
  /** The data folder's log (haul.log). */
  logFile: string;
  /** Tells the user: a line on stderr, a dialog. */
  say(message: string): void;
  /** Ends the process once everything was saved and said. */
  exit(code: number): void;
}

/** The exit code after a crash: a failure, as the CLI's other failures. */
export const CRASH_EXIT_CODE = 1;

export class CrashGuard {
  private readonly savers = new Set<() => void>();
  private readonly onCrash = (err: unknown, origin: string): void => this.crashed(err, origin);
  private handling = false;

  constructor(private readonly opts: CrashGuardOptions) {}

  /** Catches uncaught exceptions and unhandled rejections from now on. */
  install(): this {
    process.on('uncaughtException', this.onCrash);
    return this;
  }

  uninstall(): void {
    process.off('uncaughtException', this.onCrash);
  }

  /**
   * Registers a synchronous save (an engine's pending commits) to run on a crash; returns a
   * function that unregisters it.
   */
  protect(save: () => void): () => void {
    this.savers.add(save);
    return () => this.savers.delete(save);
  }

  private crashed(err: unknown, origin: string): void {
    // A second failure while handling the first: the first one is being reported already.
    if (this.handling) return;
    this.handling = true;
    const problems: string[] = [];
    for (const save of this.savers) {
      try {
        save();
      } catch (saveErr) {
        problems.push(`saving failed: ${describe(saveErr)}`);
      }
    }
    const logged = this.log([`${origin}: ${describe(err)}`, ...problems]);
    const saved = problems.length === 0 ? 'Downloads were saved and continue at the next start.' : 'Some progress could not be saved; those bytes are fetched again.';
    const where = logged ? ` Details are in ${this.opts.logFile}.` : '';
    this.opts.say(`Haul stopped on an internal error: ${redact(firstLine(err))}. ${saved}${where}`);
    this.opts.exit(CRASH_EXIT_CODE);
  }

  /** Appends synchronously: the process ends right after. False when the log cannot be written. */
  private log(lines: string[]): boolean {
    try {
      mkdirSync(dirname(this.opts.logFile), { recursive: true, mode: PRIVATE_FOLDER_MODE });
      const text = lines.map((l) => `${new Date().toISOString()} crash ${redact(l)}\n`).join('');
      appendFileSync(this.opts.logFile, text, { mode: PRIVATE_FILE_MODE });
      return true;
    } catch {
      return false;
    }
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  return text.split('\n')[0]!.trim() || 'unknown error';
}

/** Passwords in URLs never reach the log or the screen, whatever text carries them. */
function redact(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^/@?#:\s]*):[^/@?#\s]*@/gi, '$1:***@');
}
