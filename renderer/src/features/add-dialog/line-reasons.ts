// Why a line cannot be added, as a key of this feature's words. The shared parsers explain in
// English (the CLI prints it); the dialog speaks the user's language, so each known explanation
// maps to a key here, and anything unknown keeps its English text under a generic key.

export type ReasonKey =
  | 'notUrl'
  | 'missingScheme'
  | 'protocol'
  | 'filePath'
  | 'missingHost'
  | 'severalOnLine'
  | 'tooLong'
  | 'controlChars'
  | 'tab'
  | 'optionOrphan'
  | 'optionNotIndented'
  | 'badOption'
  | 'patternTooMany'
  | 'patternBad'
  | 'curlData'
  | 'curlMethod'
  | 'curlHeadOnly'
  | 'curlCookieFile'
  | 'curlNoUrl'
  | 'curlBad'
  | 'tooManyInAll'
  | 'other';

export interface Reason {
  key: ReasonKey;
  /** The protocol named (`ftp:`), or the original English for `other` and `curlBad`. */
  detail?: string;
}

const RULES: [RegExp, ReasonKey][] = [
  [/too long/i, 'tooLong'],
  [/control character|invalid UTF-8/i, 'controlChars'],
  [/TAB character/i, 'tab'],
  [/several URLs/i, 'severalOnLine'],
  [/missing http/i, 'missingScheme'],
  [/looks like a file path/i, 'filePath'],
  [/missing host/i, 'missingHost'],
  [/has no URL above it/i, 'optionOrphan'],
  [/must be indented/i, 'optionNotIndented'],
  [/header option|invalid header name|empty value for option/i, 'badOption'],
  [/makes more than .* addresses/i, 'patternTooMany'],
  [/numbers are too large|step must be|range goes backwards/i, 'patternBad'],
  [/sends data/i, 'curlData'],
  [/sends a \S+ request/i, 'curlMethod'],
  [/headers only/i, 'curlHeadOnly'],
  [/reads cookies from a file/i, 'curlCookieFile'],
  [/command has no URL/i, 'curlNoUrl'],
  [/^(not a URL|invalid URL|not a curl command)$/i, 'notUrl'],
  [/is not a valid address/i, 'notUrl'],
];

export function reasonOf(error: string): Reason {
  const protocol = /unsupported protocol "([^"]*)"/i.exec(error);
  if (protocol) return { key: 'protocol', detail: protocol[1]!.replace(/:$/, '') };
  for (const [test, key] of RULES) if (test.test(error)) return { key };
  // The shell-word reader's complaints (an unclosed quote…) are about the command as a whole.
  if (/quote|escape|unterminated/i.test(error)) return { key: 'curlBad', detail: error };
  return { key: 'other', detail: error };
}

/** A rejection from the engine (jobs.add): its message is English and specific, shown as given. */
export function engineReason(message: string): Reason {
  const known = reasonOf(message.replace(/^.*?:\s*/, ''));
  return known.key === 'other' ? { key: 'other', detail: message } : known;
}
