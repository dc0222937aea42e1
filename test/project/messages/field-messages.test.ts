import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BriefwrightError, ProblemList } from '../../../src/errors.js';
import { YamlFile } from '../../../src/project/yaml-file.js';

/** Every problem a schema finds in a text, as `file:line:col: message`. */
function problems(schema: z.ZodType, text: string, what = 'settings'): string[] {
  try {
    YamlFile.parse(text, 'x.yaml').validate(schema, what);
  } catch (error) {
    if (error instanceof ProblemList) return error.problems.map((problem) => problem.format());
    if (error instanceof BriefwrightError) return [error.format()];
    throw error;
  }
  return [];
}

const settings = z.strictObject({
  name: z.string().min(1).describe('write the name'),
  pages: z.number().int().positive().optional(),
  toc: z.boolean().optional(),
  paper: z.enum(['letter', 'a4']).optional(),
  keys: z.union([z.literal('*'), z.array(z.string())]).optional().describe("'*' for every key, or a list of keys"),
  members: z.array(z.strictObject({ id: z.string(), role: z.string() })).optional(),
  extra: z.looseObject({ colour: z.string().optional() }).optional(),
});

describe('field mistakes in plain words, for any schema read through YamlFile', () => {
  it.each([
    ['a missing field', 'pages: 2\n', ["x.yaml:1:1: settings has no 'name': write the name"]],
    ['an empty field', 'name:\n', ['x.yaml:1:1: name is empty: write the name']],
    ['an empty text', 'name: ""\n', ['x.yaml:1:1: name is empty: write the name']],
    ['a number below its bound', 'name: x\npages: 0\n', ['x.yaml:2:8: pages must be more than 0, not 0']],
    ['a fraction for a whole number', 'name: x\npages: 1.5\n', ['x.yaml:2:8: pages should be a whole number, not 1.5']],
    ['yes for true', 'name: x\ntoc: yes\n', ["x.yaml:2:6: toc should be true or false, not 'yes'; write toc: true"]],
    ['a value in the wrong case', 'name: x\npaper: A4\n', ["x.yaml:2:8: unknown paper 'A4' (did you mean 'a4'?)"]],
    ['a value far from any', 'name: x\npaper: legal\n', ["x.yaml:2:8: unknown paper 'legal'; use one of: letter, a4"]],
    ['a value none of a union takes', 'name: x\nkeys: 5\n', ["x.yaml:2:7: keys cannot be 5: '*' for every key, or a list of keys"]],
    ['a field of a list entry missing', 'name: x\nmembers:\n  - id: ana\n', ["x.yaml:3:5: member 'ana' has no 'role'"]],
    ['a list entry without an id', 'name: x\nmembers:\n  - role: chair\n', ["x.yaml:3:5: member 1 has no 'id'"]],
    ['an unknown field in a list entry', 'name: x\nmembers:\n  - {id: a, role: b, roel: c}\n', ["x.yaml:3:22: unknown field 'roel' (did you mean 'role'?)"]],
    ['a near miss in a loose object', 'name: x\nextra:\n  color: red\n  note: kept\n', ["x.yaml:3:3: unknown field 'color' (did you mean 'colour'?)"]],
    ['fields not written as fields', 'name:x\n', ["x.yaml:1:1: settings should be fields written 'name: value', one a line, not 'name:x'; put a space after each ':'"]],
  ])('%s', (_, text, expected) => {
    expect(problems(settings, text)).toEqual(expected);
  });

  it('reports every problem of a file, each at its own place', () => {
    expect(problems(settings, 'nam: x\npages: two\npaper: A5\n')).toEqual([
      "x.yaml:1:1: unknown field 'nam' (did you mean 'name'?)",
      "x.yaml:2:8: pages should be a number, not 'two'",
      "x.yaml:3:8: unknown paper 'A5' (did you mean 'a4'?)",
    ]);
  });

  it('keeps a field of a loose object that is not a near miss, and its value', () => {
    const loose = z.looseObject({ title: z.string() });
    expect(YamlFile.parse('title: T\nreviewed-by: Jo\n', 'x.yaml').validate(loose, 'front matter')).toEqual({ title: 'T', 'reviewed-by': 'Jo' });
  });
});
