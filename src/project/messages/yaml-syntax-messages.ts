/**
 * YAML parser errors in the words of someone who writes recipes and front
 * matter, not YAML grammars: what went wrong on the line, and how to write it.
 */

/** A parser error as the yaml library reports it. */
export interface YamlSyntaxError {
  code: string;
  message: string;
  /** Offsets in the text: where the parser gave up. */
  pos: [number, number];
}

/** A syntax problem in plain words, at an offset of the text. */
export interface SyntaxProblem {
  message: string;
  offset: number;
}

/** One line of the text, split into its indentation, key and value where it has them. */
interface Line {
  start: number;
  text: string;
  indent: number;
  /** The key's offset in the line (after any '- '), when the line is `key: value`. */
  keyAt?: number;
  key?: string;
  valueAt?: number;
  value?: string;
}

/**
 * Explains a parser error. `lineNumber` turns an offset into the line number the
 * user sees (front matter starts below its `---`).
 */
export function explainSyntax(error: YamlSyntaxError, text: string, lineNumber: (offset: number) => number): SyntaxProblem {
  const lines = splitLines(text);
  const index = lineIndexAt(lines, error.pos[0]);
  const line = lines[index]!;
  const at = (message: string, offset = error.pos[0]) => ({ message, offset });
  const field = line.key ?? 'value';
  const quoted = line.value === undefined ? undefined : `${line.key}: ${quote(line.value)}`;
  switch (error.code) {
    case 'BLOCK_AS_IMPLICIT_KEY': {
      if (line.value !== undefined && /:(\s|$)/.test(line.value)) {
        return at(`the ${field} contains ': ', which YAML reads as the start of another field; put the ${field} in quotes: ${quoted}`, line.start + line.valueAt!);
      }
      const next = lines.slice(index + 1).find((other) => other.text.trim() !== '');
      if (next && next.indent > (line.keyAt ?? line.indent)) {
        return at(`${name(next)} is indented more than '${field}' on line ${lineNumber(line.start)}; the fields of one entry start in the same column`, next.start + next.indent);
      }
      break;
    }
    case 'BAD_SCALAR_START': {
      const char = error.message.trim().slice(-1);
      return at(`a value cannot start with '${char}' unless it is in quotes${quoted ? `: ${quoted}` : ''}`);
    }
    case 'UNEXPECTED_TOKEN':
      if (/at node end/.test(error.message) && line.value !== undefined) {
        const closer = { '"': 'quote', "'": 'quote', '[': "']'", '{': "'}'" }[line.value[0]!] ?? 'value';
        return at(`the ${field} goes on after its closing ${closer}; put the whole ${field} in quotes: ${quoted}`, line.start + line.valueAt!);
      }
      if (/block-seq-ind on same line/.test(error.message)) {
        return at(`a value on the same line as its key cannot start with '- '; put it in quotes${quoted ? ` (${quoted})` : ''}, or start the list on the next line`);
      }
      break;
    case 'TAB_AS_INDENT':
      return at('this line is indented with a tab; YAML indents with spaces only', line.start);
    case 'DUPLICATE_KEY': {
      const first = lines.slice(0, index).find((other) => other.key === line.key && other.indent === line.indent);
      return at(`'${field}' is set twice${first ? ` (also on line ${lineNumber(first.start)})` : ''}; keep one`, line.start + (line.keyAt ?? 0));
    }
    case 'MISSING_CHAR':
    case 'MULTILINE_IMPLICIT_KEY':
      if (/Missing closing/.test(error.message)) return unclosed(lines, index, error.message.includes('"') ? '"' : "'", at);
      if (/without - indicator/.test(error.message)) return misaligned(lines, index, lineNumber, at);
      if (/Implicit (map )?keys/.test(error.message)) {
        const colon = /^(\s*(?:-\s+)?[^\s:#][^:#]*):(?=\S)/.exec(line.text);
        if (colon) return at(`put a space after the ':' (${line.text.trim().replace(/:(?=\S)/, ': ')})`, line.start + colon[1]!.length);
        if (!line.text.includes(':')) return at("this line has no ':'; write a field as 'name: value'", line.start + line.indent);
      }
      break;
    case 'BAD_INDENT':
      if (/Flow (sequence|map)/.test(error.message)) return unclosedList(lines, index, error.message.includes('sequence') ? '[' : '{', at);
      if (/same column/.test(error.message)) return misaligned(lines, index, lineNumber, at);
      break;
    case 'BAD_DQ_ESCAPE':
      return at("a backslash inside double quotes starts an escape such as \\n; use single quotes around the value, or write \\\\ for a backslash");
    case 'MULTIPLE_DOCS':
      return at("a line of '---' here starts a second document; a file holds one, so remove it", line.start);
  }
  return at(`invalid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
}

/** The fix for a value that must be quoted: the value in double quotes (single when it holds double). */
export function quote(value: string): string {
  const text = value.trim();
  if (!text.includes('"')) return `"${text.replace(/\\/g, '\\\\')}"`;
  if (!text.includes("'")) return `'${text}'`;
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function unclosed(lines: Line[], index: number, mark: string, at: (message: string, offset?: number) => SyntaxProblem): SyntaxProblem {
  for (let i = Math.min(index, lines.length - 1); i >= 0; i -= 1) {
    const line = lines[i]!;
    const count = line.text.split(mark).length - 1;
    if (count % 2 === 1) {
      const where = line.text.lastIndexOf(mark);
      return at(`this ${mark} opens a quoted ${line.key ?? 'value'} that is never closed; end the ${line.key ?? 'value'} with ${mark}`, line.start + where);
    }
  }
  return at(`a quoted value is never closed; end it with ${mark}`);
}

function unclosedList(lines: Line[], index: number, open: '[' | '{', at: (message: string, offset?: number) => SyntaxProblem): SyntaxProblem {
  const close = open === '[' ? ']' : '}';
  for (let i = Math.min(index, lines.length - 1); i >= 0; i -= 1) {
    const line = lines[i]!;
    if (line.text.split(open).length > line.text.split(close).length) {
      const what = open === '[' ? 'list' : 'group';
      return at(`the ${what} opened with '${open}' is never closed; end it with '${close}' on the same line`, line.start + line.text.lastIndexOf(open));
    }
  }
  return at(`a '${open}' is never closed; end it with '${close}'`);
}

function misaligned(lines: Line[], index: number, lineNumber: (offset: number) => number, at: (message: string, offset?: number) => SyntaxProblem): SyntaxProblem {
  const line = lines[index]!;
  const above = lines.slice(0, index).reverse().find((other) => other.key !== undefined && other.text.trim() !== '');
  const where = above ? ` with '${above.key}' on line ${lineNumber(above.start)}` : '';
  return at(`${name(line)} is not lined up${where}; the fields of one entry start in the same column (indent with spaces)`, line.start + line.indent);
}

function name(line: Line): string {
  return line.key ? `'${line.key}'` : 'this line';
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    const text = raw.replace(/\r$/, '');
    const indent = text.length - text.trimStart().length;
    const match = /^(\s*(?:-\s+)?)([^\s:#'"[{][^:#]*?|"[^"]*"|'[^']*'):(?:\s+(.*?))?\s*$/.exec(text);
    const line: Line = { start, text, indent };
    if (match) {
      line.keyAt = match[1]!.length;
      line.key = match[2]!.replace(/^['"]|['"]$/g, '');
      if (match[3] !== undefined) {
        line.value = match[3];
        line.valueAt = text.indexOf(match[3], line.keyAt + match[2]!.length + 1);
      }
    }
    lines.push(line);
    start += raw.length + 1;
  }
  return lines;
}

function lineIndexAt(lines: Line[], offset: number): number {
  let index = 0;
  while (index + 1 < lines.length && lines[index + 1]!.start <= offset) index += 1;
  return index;
}
