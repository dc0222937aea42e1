import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/commands/command.js';
import { checkUsage, type Accepted } from '../../src/commands/usage.js';
import { BriefwrightError, ProblemList } from '../../src/errors.js';

const COMMANDS: Command[] = [
  { command: 'build [recipes..]', describe: '' },
  { command: 'status [recipes..]', describe: '' },
  { command: 'list <what>', describe: '' },
  { command: 'translate', describe: '', subcommands: [{ command: 'mark <files..>', describe: '' }] },
];

const BUILD: Accepted = {
  names: ['help', 'version', 'root', 'recipes', 'population', 'format', 'force', 'out-dir', 'toc', 'each'],
  aliases: { help: ['h'] },
  choices: { each: ['population', 'topic'] },
  lists: ['recipes', 'population'],
};

/** The messages checkUsage throws for a command line, or [] when it accepts it. */
function problems(tokens: string[], options: { words?: string[]; accepted?: Accepted; values?: Record<string, unknown> } = {}): string[] {
  try {
    checkUsage({ tokens, words: options.words ?? tokens.slice(0, 1), commands: COMMANDS, accepted: options.accepted ?? BUILD, values: options.values ?? {} });
    return [];
  } catch (error) {
    if (error instanceof ProblemList) return error.problems.map((problem) => problem.message);
    if (error instanceof BriefwrightError) {
      expect(error.kind).toBe('usage');
      return [error.message];
    }
    throw error;
  }
}

describe('checkUsage', () => {
  it('accepts declared options, in either spelling, negated booleans, values and anything after --', () => {
    expect(problems(['build', 'x', '--format', 'html', '--outDir', 'o', '--out-dir=p', '--no-toc', '-h', '--', '--anything'])).toEqual([]);
  });

  it('refuses a one-value option given twice, but not a list or the recipes', () => {
    const twice = ['build', '--out-dir', 'a', '--outDir', 'b'];
    expect(problems(twice, { values: { 'out-dir': ['a', 'b'], outDir: ['a', 'b'] } })).toEqual(["--out-dir was given 2 times ('a', 'b'): give it once"]);
    expect(problems(['build', 'x', 'y', '--population', 'p', '--population', 'q'], { values: { recipes: ['x', 'y'], population: ['p', 'q'] } })).toEqual([]);
    expect(problems(['build', '--out-dir', 'a'], { values: { 'out-dir': 'a' } })).toEqual([]);
  });

  it('suggests the option meant', () => {
    expect(problems(['build', '--formats', 'html'])).toEqual(['unknown option --formats (did you mean --format?)']);
    expect(problems(['build', '--out-dri', 'x'])).toEqual(['unknown option --out-dri (did you mean --out-dir?)']);
  });

  it('names an unknown option with nothing close without a guess, and every unknown option at once', () => {
    expect(problems(['build', '--zzzzzz', '-q'])).toEqual(['unknown option --zzzzzz', 'unknown option -q']);
  });

  it('does not take a positional for an option', () => {
    expect(problems(['build', '--recipes', 'x'])).toEqual(['unknown option --recipes']);
  });

  it('suggests the command meant, also below a command', () => {
    expect(problems(['biuld'], { accepted: { names: ['help', 'version', 'root'], aliases: {}, choices: {} } })).toEqual([
      "unknown command 'biuld' (did you mean 'build'?): choose build, status, list or translate",
    ]);
    expect(problems(['translate', 'mrak'], { words: ['translate', 'mrak'] })).toEqual(["unknown command 'translate mrak' (did you mean 'mark'?): choose mark"]);
  });

  it('suggests the value meant for an option or positional with choices', () => {
    expect(problems(['build', '--each', 'populaton'], { values: { each: 'populaton' } })).toEqual([
      "unknown value 'populaton' for --each (did you mean 'population'?): choose population or topic",
    ]);
    const list: Accepted = { names: ['help', 'root', 'what'], aliases: {}, choices: { what: ['styles', 'themes'] } };
    expect(problems(['list', 'style'], { accepted: list, values: { what: 'style' } })).toEqual([
      "unknown value 'style' for <what> (did you mean 'styles'?): choose styles or themes",
    ]);
  });
});
