import { BriefwrightError, ProblemList } from '../errors.js';
import { closest } from '../project/suggest.js';
import type { Command } from './command.js';

/** What a command accepts, as yargs declared it (`getOptions()`), with its place in the command table. */
export interface Accepted {
  /** Every option and positional name, as declared (`out-dir`, `what`). */
  names: readonly string[];
  /** Other names for them (`h` for help). */
  aliases: Readonly<Record<string, readonly string[]>>;
  /** The values an option or positional may take, where it is limited. */
  choices: Readonly<Record<string, readonly unknown[]>>;
  /** The options that may be given more than once (lists). */
  lists?: readonly string[];
}

/**
 * The usage mistakes in a command line, each with a suggestion where one is
 * close: an unknown command ("unknown command 'biuld' (did you mean 'build'?)"),
 * an unknown option ("unknown option --formats (did you mean --format?)"), a
 * value outside an option's choices. Throws them as one usage error (several as
 * a list); returns when there are none.
 */
export function checkUsage(options: {
  tokens: readonly string[];
  /** The command words yargs matched (`argv._`), such as ['translate', 'mark']. */
  words: readonly unknown[];
  commands: readonly Command[];
  accepted: Accepted;
  values: Readonly<Record<string, unknown>>;
}): void {
  const problems: BriefwrightError[] = [];
  const { command, problem } = matchCommand(options.words, options.commands);
  if (problem) problems.push(problem);
  const positionals = new Set(command ? positionalNames(command.command) : []);
  const long = new Set<string>();
  const short = new Set<string>();
  for (const name of [...options.accepted.names, ...Object.values(options.accepted.aliases).flat()]) {
    (name.length === 1 ? short : long).add(kebab(name));
  }
  for (const name of positionals) long.delete(name);
  for (const token of options.tokens) {
    if (token === '--') break;
    if (/^--[^-]/.test(token)) {
      const name = kebab(token.slice(2).split('=')[0]!);
      if (long.has(name) || (name.startsWith('no-') && long.has(name.slice(3)))) continue;
      const close = closest(name, long);
      const hint = close.length > 0 ? ` (did you mean ${close.map((value) => `--${value}`).join(' or ')}?)` : '';
      problems.push(new BriefwrightError(`unknown option --${name}${hint}`, { kind: 'usage' }));
    } else if (/^-[^-\d]/.test(token)) {
      for (const letter of token.slice(1).split('=')[0]!) {
        if (!short.has(letter)) problems.push(new BriefwrightError(`unknown option -${letter}`, { kind: 'usage' }));
      }
    }
  }
  for (const [name, choices] of Object.entries(options.accepted.choices)) {
    const given = options.values[name];
    for (const value of given === undefined ? [] : Array.isArray(given) ? given : [given]) {
      if (choices.includes(value)) continue;
      const label = positionals.has(name) ? `<${name}>` : `--${name}`;
      const close = closest(String(value), choices.map(String));
      const hint = close.length > 0 ? ` (did you mean ${close.map((choice) => `'${choice}'`).join(' or ')}?)` : '';
      problems.push(new BriefwrightError(`unknown value '${String(value)}' for ${label}${hint}: choose ${sentence(choices.map(String))}`, { kind: 'usage' }));
    }
  }
  // An option that takes one value, given twice (`--out-dir a --out-dir b`).
  const lists = new Set((options.accepted.lists ?? []).map(kebab));
  const repeated = new Set<string>();
  for (const name of options.accepted.names) {
    const given = options.values[name];
    const flag = kebab(name);
    if (!Array.isArray(given) || lists.has(flag) || positionals.has(flag) || repeated.has(flag)) continue;
    repeated.add(flag);
    problems.push(new BriefwrightError(`--${flag} was given ${given.length} times (${given.map((value) => `'${String(value)}'`).join(', ')}): give it once`, { kind: 'usage' }));
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new ProblemList(problems);
}

/** The command the words name, or a problem for the first word that names none. */
function matchCommand(words: readonly unknown[], commands: readonly Command[]): { command?: Command; problem?: BriefwrightError } {
  let command: Command | undefined;
  let choices = commands;
  for (const word of words.map(String)) {
    if (choices.length === 0) break;
    const next = choices.find((candidate) => commandName(candidate) === word);
    if (!next) {
      const names = choices.map(commandName);
      const close = closest(word, names);
      const hint = close.length > 0 ? ` (did you mean ${close.map((name) => `'${name}'`).join(' or ')}?)` : '';
      const parent = command ? `${commandName(command)} ` : '';
      return { command, problem: new BriefwrightError(`unknown command '${parent}${word}'${hint}: choose ${sentence(names)}`, { kind: 'usage' }) };
    }
    command = next;
    choices = next.subcommands ?? [];
  }
  return { command };
}

/** The command's own word: `build` of `build [recipes..]`. */
export function commandName(command: Command): string {
  return command.command.split(' ')[0]!;
}

function positionalNames(command: string): string[] {
  return [...command.matchAll(/[<[]([^\]>.]+)(?:\.\.)?[>\]]/g)].map((match) => match[1]!);
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function sentence(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}
