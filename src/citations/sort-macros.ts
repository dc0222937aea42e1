import type { Citeproc } from './citeproc-module.js';

/**
 * Builds each macro a style's sort keys call once per sort, where citeproc-js
 * builds it again at every call.
 *
 * citeproc-js compiles a macro the layouts call once, into a list of its own
 * that every call site runs. A macro a sort key calls it compiles inline, into
 * the sort's own list, and so again for every macro that macro calls, at every
 * call: APA's two sorts come to some 68,000 tokens each, about 90 MiB of an
 * engine's 92 and most of the half second it takes to build. Here a sort's
 * macros get lists of their own, as the layouts' do: built in the same sort
 * context, so they compile to the same tokens, and run where the inline copy
 * would have run. The sort keys, and so the order of citations and entries,
 * come out the same (the tests compare engines with and without this over the
 * installed styles).
 */
export function shareSortMacros(csl: Citeproc): void {
  const CSL = csl as unknown as Internals;
  if (CSL.expandMacro.sharesSortMacros) return;
  const inline = CSL.expandMacro;
  const bodies = new WeakMap<State, Map<string, Token[]>>();

  /** The macro's body in the sort being built, compiled the first time the sort calls it. */
  const bodyOf = (state: State, name: string, nodes: unknown[]): Token[] => {
    const sort = `${state.build.root}${state.build.extension}`;
    let built = bodies.get(state);
    if (!built) bodies.set(state, (built = new Map()));
    const key = `${sort}\0${name}`;
    const kept = built.get(key);
    if (kept) return kept;
    const body: Token[] = [];
    built.set(key, body);
    // Builders that add to the sort's list by name add to the body instead, as they would inline.
    const area = state[sort] as { tokens: Token[] };
    const outer = area.tokens;
    area.tokens = body;
    try {
      CSL.buildMacro.call(state, body, nodes);
    } finally {
      area.tokens = outer;
    }
    state.configureTokenList(body);
    return body;
  };

  const expand = function (this: State, call: Token, target: Token[]): void {
    // Layout macros already have lists of their own.
    if (!this.build.extension) return inline.call(this, call, target);
    let name = call.postponed_macro;
    const nodes = this.cslXml.getNodesByName(this.cslXml.dataObj, 'macro', name);
    const cslid = nodes.length > 0 ? this.cslXml.getAttributeValue(nodes[0], 'cslid') : false;
    const hasDate = nodes.length > 0 && this.cslXml.getAttributeValue(nodes[0], 'macro-has-date');
    // What follows mirrors citeproc-js's own expansion around the macro's body:
    // a group opened and closed about it, the date flag, the loop check.
    const open = new CSL.Token('group', CSL.START);
    if (hasDate) {
      name = `${name}@${this.build.current_default_locale}`;
      open.execs.push((state) => {
        if (state.tmp.extension) state.tmp['doing-macro-with-date'] = true;
      });
    }
    if (this.build.macro_stack.includes(name)) CSL.error(`CSL processor error: call to macro "${name}" would cause an infinite loop`);
    else this.build.macro_stack.push(name);
    open.cslid = cslid;
    if (CSL.MODULE_MACROS[name]) {
      open.juris = name;
      this.opt.update_mode = CSL.POSITION;
    }
    CSL.Node.group.build.call(open, this, target, true);
    if (!this.cslXml.getNodeValue(nodes)) CSL.error(`CSL style error: undefined macro "${name}"`);

    const tokens = bodyOf(this, name, nodes);
    const run = new CSL.Token('text', CSL.SINGLETON);
    run.execs.push(function (state, item, cited) {
      let next = 0;
      while (next < tokens.length) next = CSL.tokenExec.call(state, tokens[next]!, item, cited);
    });
    target.push(run);

    const close = new CSL.Token('group', CSL.END);
    close.strings.sort_direction = call.strings.sort_direction;
    if (hasDate) {
      close.execs.push((state) => {
        if (state.tmp.extension) state.tmp['doing-macro-with-date'] = false;
      });
    }
    if (open.juris) close.juris = name;
    CSL.Node.group.build.call(close, this, target, true);
    this.build.macro_stack.pop();
  };
  CSL.expandMacro = Object.assign(expand, { sharesSortMacros: true });
}

/** The parts of citeproc-js's internals a sort's macros are built with. */
interface Internals {
  expandMacro: ((this: State, call: Token, target: Token[]) => void) & { sharesSortMacros?: boolean };
  buildMacro(this: State, target: Token[], nodes: unknown[]): void;
  tokenExec(this: State, token: Token, item: unknown, cited: unknown): number;
  Token: new (name: string, type: number) => Token;
  Node: { group: { build(this: Token, state: State, target: Token[], real: boolean): void } };
  START: number;
  END: number;
  SINGLETON: number;
  POSITION: number;
  MODULE_MACROS: Record<string, unknown>;
  error(message: string): never;
}

interface Token {
  postponed_macro: string;
  strings: Record<string, unknown>;
  execs: ((this: Token, state: State, item: unknown, cited: unknown) => void)[];
  cslid?: unknown;
  juris?: string;
}

interface State {
  build: { extension: string; root: string; current_default_locale: string; macro_stack: string[] };
  tmp: Record<string, unknown>;
  opt: { update_mode: unknown };
  cslXml: {
    dataObj: unknown;
    getNodesByName(node: unknown, name: string, value?: string): unknown[];
    getAttributeValue(node: unknown, name: string): unknown;
    getNodeValue(nodes: unknown): unknown;
  };
  configureTokenList(tokens: Token[]): void;
  [area: string]: unknown;
}
