// A failed probe in the add dialog's preview, in the reader's words.
import type { ErrorInfo } from '../../../../shared/errors';
import { errorWords } from '../../../../shared/words/error-words';
import type { Words } from '../../../../shared/words/words';

/** What failed when the error says (an HTTP status, no such server, a timeout), else "not reachable". */
export function previewError(error: ErrorInfo): Words {
  const words = errorWords(error);
  return words.key === 'error.other' ? { key: 'preview.failed' } : words;
}
