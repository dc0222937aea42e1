import { isMap, isNode, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { BriefwrightError, ProblemList, type SourceLocation } from '../errors.js';

/** A parsed YAML text that can say where each of its values came from. */
export class YamlFile {
  private constructor(
    readonly file: string,
    private readonly document: Document.Parsed,
    private readonly lines: LineCounter,
    /** Lines above the YAML text in its file (front matter starts after the `---`). */
    private readonly lineOffset: number,
  ) {}

  /** Parses `text`; a syntax error becomes a BriefwrightError at its line and column. */
  static parse(text: string, file: string, lineOffset = 0): YamlFile {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const yaml = new YamlFile(file, document, lines, lineOffset);
    const [error] = document.errors;
    if (error) {
      const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new BriefwrightError(`invalid YAML: ${message}`, { location: yaml.at(error.pos[0]) });
    }
    return yaml;
  }

  /** The plain JavaScript value of the document. */
  value(): unknown {
    try {
      // A bounded alias count keeps a "billion laughs" document from exhausting memory.
      return this.document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      throw new BriefwrightError(`invalid YAML: ${(error as Error).message}`, { location: { file: this.file, line: this.lineOffset + 1 }, cause: error });
    }
  }

  /**
   * Validates the document against `schema`; every issue becomes a problem at the
   * key or value it concerns.
   */
  validate<S extends z.ZodType>(schema: S, what: string): z.output<S> {
    const result = schema.safeParse(this.value() ?? {});
    if (result.success) return result.data;
    const problems = result.error.issues.map((issue) => {
      const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
      const where = path.length > 0 ? ` '${path.join('.')}'` : '';
      return new BriefwrightError(`${what}${where}: ${issue.message}`, { location: this.locate(path) });
    });
    throw problems.length === 1 ? problems[0]! : new ProblemList(problems);
  }

  /** Where the value at `path` sits (or its nearest existing parent). */
  locate(path: readonly (string | number)[]): SourceLocation {
    let node: unknown = this.document.contents;
    let offset = rangeStart(node) ?? 0;
    for (const part of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === part);
        if (!pair) break;
        offset = rangeStart(pair.key) ?? offset;
        node = pair.value;
        // Point at the value for scalars, at the key for collections.
        if (!isMap(node) && !isSeq(node)) offset = rangeStart(node) ?? offset;
      } else if (isSeq(node) && typeof part === 'number') {
        node = node.items[part];
        offset = rangeStart(node) ?? offset;
      } else break;
    }
    return this.at(offset);
  }

  private at(offset: number): SourceLocation {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line: line + this.lineOffset, column: col };
  }
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}
