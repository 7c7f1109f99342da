// Splits a pasted command line into its words the way the shell it was written for would: bash
// (quotes '…', "…" and $'…', backslash escapes and line continuations) or Windows cmd, as browsers
// write "Copy as cURL (cmd)" (^ escapes, ^ line continuations, "…" quoting for the program). No
// expansion of any kind: $VAR and `…` stay as written, nothing is ever run.

export type ShellWords = { ok: true; words: string[] } | { ok: false; error: string };

export function shellWords(text: string): ShellWords {
  return /\^"|\^\r?\n/.test(text) ? cmdWords(text) : bashWords(text);
}

const ANSI_C: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

function bashWords(text: string): ShellWords {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const end = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\') {
      // A backslash before a line break joins the lines; before anything else, it is that char.
      if (text[i + 1] === '\n') i += 2;
      else if (text[i + 1] === '\r' && text[i + 2] === '\n') i += 3;
      else {
        word += text[i + 1] ?? '';
        inWord = true;
        i += 2;
      }
    } else if (/\s/.test(ch)) {
      end();
      i++;
    } else if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return { ok: false, error: 'a quote (\') is never closed' };
      word += text.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (ch === '$' && text[i + 1] === "'") {
      const r = ansiC(text, i + 2);
      if (r === null) return { ok: false, error: "a quote ($') is never closed" };
      word += r.value;
      inWord = true;
      i = r.next;
    } else if (ch === '"') {
      const r = doubleQuoted(text, i + 1);
      if (r === null) return { ok: false, error: 'a quote (") is never closed' };
      word += r.value;
      inWord = true;
      i = r.next;
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  end();
  return { ok: true, words };
}

/** Inside "…": backslash escapes only $ ` " \ and a line break. */
function doubleQuoted(text: string, from: number): { value: string; next: number } | null {
  let value = '';
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') return { value, next: i + 1 };
    if (ch === '\\' && i + 1 < text.length && '$`"\\\n'.includes(text[i + 1]!)) {
      if (text[i + 1] !== '\n') value += text[i + 1];
      i++;
    } else {
      value += ch;
    }
  }
  return null;
}

/** Inside $'…': C escapes (\n, \xHH, \uHHHH, \0NNN…), as Chrome writes headers with odd bytes. */
function ansiC(text: string, from: number): { value: string; next: number } | null {
  let value = '';
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'") return { value, next: i + 1 };
    if (ch !== '\\' || i + 1 >= text.length) {
      value += ch;
      continue;
    }
    const esc = text[i + 1]!;
    const hex = (len: number): number => {
      const m = new RegExp(`^[0-9a-fA-F]{1,${len}}`).exec(text.slice(i + 2, i + 2 + len));
      if (!m) return 0;
      value += String.fromCodePoint(parseInt(m[0], 16));
      return m[0].length;
    };
    if (esc === 'x') i += 1 + hex(2);
    else if (esc === 'u') i += 1 + hex(4);
    else if (esc === 'U') i += 1 + hex(8);
    else if (/[0-7]/.test(esc)) {
      const m = /^[0-7]{1,3}/.exec(text.slice(i + 1))!;
      value += String.fromCharCode(parseInt(m[0], 8));
      i += m[0].length;
    } else {
      value += ANSI_C[esc] ?? `\\${esc}`;
      i++;
    }
  }
  return null;
}

function cmdWords(text: string): ShellWords {
  // cmd first: ^ before a line break joins the lines, ^ before anything else is that char.
  let line = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '^') line += ch;
    else if (text[i + 1] === '\n') i++;
    else if (text[i + 1] === '\r' && text[i + 2] === '\n') i += 2;
    else if (i + 1 < text.length) line += text[++i];
  }
  // Then the program's own argument rules: "…" quotes, \" is a quote char.
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && line[i + 1] === '"') {
      word += '"';
      inWord = true;
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
      inWord = true;
    } else if (!quoted && /\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quoted) return { ok: false, error: 'a quote (") is never closed' };
  if (inWord) words.push(word);
  return { ok: true, words };
}
