import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { BriefwrightError, ProblemList, type SourceLocation } from '../errors.js';
import { explainIssues, misspelledFields, type FieldProblem } from './messages/field-messages.js';
import { explainSyntax } from './messages/yaml-syntax-messages.js';

/** A parsed YAML text that can say where each of its values came from. */
export class YamlFile {
  private constructor(
    readonly file: string,
    private readonly document: Document.Parsed,
    private readonly lines: LineCounter,
    /** Lines above the YAML text in its file (front matter starts after the `---`). */
    private readonly lineOffset: number,
  ) {}

  /** Parses `text`; a syntax error becomes a BriefwrightError in plain words, at its line and column. */
  static parse(text: string, file: string, lineOffset = 0): YamlFile {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const yaml = new YamlFile(file, document, lines, lineOffset);
    const [error] = document.errors;
    if (error) {
      const { message, offset } = explainSyntax(error, text, (at) => yaml.at(at).line!);
      throw new BriefwrightError(message, { location: yaml.at(offset), cause: error });
    }
    return yaml;
  }

  /** The plain JavaScript value of the document. */
  value(): unknown {
    try {
      // A bounded alias count keeps a "billion laughs" document from exhausting memory.
      return this.document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // An unquoted value starting with '*' reads as a reference to an anchor that does not exist.
      const alias = /Unresolved alias.*: (\S+)$/.exec((error as Error).message)?.[1];
      const offset = alias === undefined ? undefined : this.aliasOffset(alias);
      throw new BriefwrightError(offset === undefined ? `invalid YAML: ${(error as Error).message}` : "a value cannot start with '*' unless it is in quotes", {
        location: this.at(offset ?? 0),
        cause: error,
      });
    }
  }

  /**
   * Validates the document against `schema`; every issue becomes a problem in
   * plain words at the key or value it concerns. A field of a loose object that
   * looks like a known one mistyped is a problem too.
   */
  validate<S extends z.ZodType>(schema: S, what: string): z.output<S> {
    const data = this.value() ?? {};
    const result = schema.safeParse(data);
    const context = { schema, data, what };
    const explained = result.success ? misspelledFields(context) : explainIssues(result.error.issues, context);
    if (result.success && explained.length === 0) return result.data;
    const problems = explained.map((problem) => new BriefwrightError(problem.message, { location: this.place(problem) }));
    throw problems.length === 1 ? problems[0]! : new ProblemList(problems);
  }

  /**
   * Where the value at `path` sits (or its nearest existing parent); with `key`,
   * where its key sits. An empty value is shown at its key.
   */
  locate(path: readonly (string | number)[], options: { key?: boolean } = {}): SourceLocation {
    let node: unknown = this.document.contents;
    let offset = rangeStart(node) ?? 0;
    for (const [index, part] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === part);
        if (!pair) break;
        offset = rangeStart(pair.key) ?? offset;
        node = pair.value;
        const last = index === path.length - 1;
        // Point at the value for scalars that are written, at the key for collections and empty values.
        const empty = node === null || (isScalar(node) && node.value === null);
        if (!isMap(node) && !isSeq(node) && !empty && !(last && options.key)) offset = rangeStart(node) ?? offset;
      } else if (isSeq(node) && typeof part === 'number') {
        node = node.items[part];
        offset = rangeStart(node) ?? offset;
      } else break;
    }
    return this.at(offset);
  }

  private place(problem: FieldProblem): SourceLocation {
    return this.locate(problem.path, { key: problem.at === 'key' });
  }

  private aliasOffset(name: string): number | undefined {
    let offset: number | undefined;
    visit(this.document, {
      Alias: (_, node) => {
        if (isAlias(node) && node.source === name) offset ??= rangeStart(node);
      },
    });
    return offset;
  }

  private at(offset: number): SourceLocation {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line: line + this.lineOffset, column: col };
  }
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}
