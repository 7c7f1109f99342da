// A job's note as the CLI and the log say it, for tests that read it like a person would.
import { noteText, type JobNote } from '../../shared/models/job-note';

export function noteInEnglish(note: JobNote | null): string | null {
  return note && noteText(note);
}
