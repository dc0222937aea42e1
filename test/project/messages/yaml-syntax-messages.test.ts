import { describe, expect, it } from 'vitest';
import { BriefwrightError } from '../../../src/errors.js';
import { quote } from '../../../src/project/messages/yaml-syntax-messages.js';
import { YamlFile } from '../../../src/project/yaml-file.js';

/** The message YamlFile gives for a text, as `file:line:col: message`. */
function problem(text: string, lineOffset = 0): string {
  try {
    YamlFile.parse(text, 'x.yaml', lineOffset).value();
  } catch (error) {
    if (error instanceof BriefwrightError) return error.format();
    throw error;
  }
  return 'no problem';
}

describe('YAML mistakes in plain words', () => {
  it.each([
    ['a value with ": "', 'kind: barrier\nsubtitle: Why: and how\n', `x.yaml:2:11: the subtitle contains ': ', which YAML reads as the start of another field; put the subtitle in quotes: subtitle: "Why: and how"`],
    ['a value ending in ":"', 'title: Note:\n  x\n', 'x.yaml:1:8: the title contains \': \', which YAML reads as the start of another field; put the title in quotes: title: "Note:"'],
    ['a value starting with a backtick', 'title: `code` here\n', 'x.yaml:1:8: a value cannot start with \'`\' unless it is in quotes: title: "`code` here"'],
    ['a value starting with %', 'title: %x\n', 'x.yaml:1:8: a value cannot start with \'%\' unless it is in quotes: title: "%x"'],
    ['a value starting with *', 'title: *starred\n', "x.yaml:1:8: a value cannot start with '*' unless it is in quotes"],
    ['text after a list', 'title: [Draft] Access\n', `x.yaml:1:8: the title goes on after its closing ']'; put the whole title in quotes: title: "[Draft] Access"`],
    ['a dash after a key', 'title: - x\n', `x.yaml:1:8: a value on the same line as its key cannot start with '- '; put it in quotes (title: "- x"), or start the list on the next line`],
    ['a tab in a list', 'topics:\n\t- a\n', 'x.yaml:2:1: this line is indented with a tab; YAML indents with spaces only'],
    ['a key set twice', 'a: 1\nb: 2\na: 3\n', "x.yaml:3:1: 'a' is set twice (also on line 1); keep one"],
    ['an unclosed group', 'a: {b: 1\nc: 2\n', "x.yaml:1:4: the group opened with '{' is never closed; end it with '}' on the same line"],
    ['fields not lined up', 'a:\n  b: 1\n c: 2\n', "x.yaml:3:2: 'c' is not lined up with 'b' on line 2; the fields of one entry start in the same column (indent with spaces)"],
    ['a backslash in double quotes', 'title: "C:\\qfiles"\n', 'x.yaml:1:11: a backslash inside double quotes starts an escape such as \\n; use single quotes around the value, or write \\\\ for a backslash'],
    ['a second document', 'a: 1\n---\nb: 2\n', "x.yaml:2:1: a line of '---' here starts a second document; a file holds one, so remove it"],
  ])('%s', (_, text, message) => {
    expect(problem(text)).toBe(message);
  });

  it('counts lines from the top of the file, below front matter’s opening ---', () => {
    expect(problem('title: x\nkind barrier\n', 1)).toBe("x.yaml:3:1: this line has no ':'; write a field as 'name: value'");
  });

  it('quotes a value so that YAML reads it back unchanged', () => {
    for (const value of ['Access: a device', '"Access" is more', `It's "quoted"`, 'C:\\files', '@home']) {
      expect(YamlFile.parse(`title: ${quote(value)}\n`, 'x.yaml').value()).toEqual({ title: value });
    }
  });
});
