import type { CitationItem, Engine } from 'citeproc';
import type { CslItem } from './reference.js';

/** Renders one brief's citations and references. */
export interface Renderer {
  cluster(items: CitationItem[]): string;
  bibliography(): { entries: { id: string; html: string }[]; hangingIndent: boolean };
}

/** Renders everything for one brief with the registry holding exactly its works. */
export class BriefRenderer implements Renderer {
  constructor(
    private readonly engine: Engine,
    cited: string[],
    uncited: string[],
  ) {
    // First-cited order: numeric styles number by it.
    engine.updateItems(cited);
    engine.updateUncitedItems(uncited);
  }

  cluster(items: CitationItem[]): string {
    return this.engine.makeCitationCluster(items);
  }

  bibliography() {
    const made = this.engine.makeBibliography();
    if (!made) return { entries: [], hangingIndent: false };
    return {
      entries: made[1].map((entry, index) => ({ id: made[0].entry_ids[index]![0]!, html: unwrapEntry(entry) })),
      hangingIndent: Boolean(made[0].hangingindent),
    };
  }
}

/**
 * Entries and citations rendered in a run, for one engine and one library (see
 * CitationEngines for why reusing them is exact).
 */
export class RenderCache {
  private readonly entries = new Map<string, string>();
  private readonly clusters = new Map<string, string>();
  private readonly sortKeys = new Map<string, unknown[]>();
  /** Each work and the works it could be confused with (they share a creator's family name). */
  private readonly related = new Map<string, Set<string>>();
  /** What citeproc's registry holds now. */
  private registered = new Set<string>();
  private hangingIndent = false;

  constructor(
    private readonly engine: Engine,
    items: ReadonlyMap<string, CslItem>,
  ) {
    const byName = new Map<string, string[]>();
    for (const [id, item] of items) for (const name of familyNames(item)) byName.set(name, [...(byName.get(name) ?? []), id]);
    for (const [id, item] of items) this.related.set(id, new Set([id, ...familyNames(item).flatMap((name) => byName.get(name)!)]));
  }

  /** A renderer for a brief that cites or lists `works`. */
  forBrief(works: string[]): Renderer {
    const present = new Set(works);
    // The works whose presence can change how these render: those the brief also
    // cites that share a creator's family name with one of them.
    const context = (ids: string[]) =>
      [...new Set(ids.flatMap((id) => [...(this.related.get(id) ?? [id])].filter((other) => other === id || present.has(other))))].sort();
    // The registry is readied for the whole brief at its first miss: one update
    // rather than one per citation, and every later miss renders as it stands.
    let ready = false;
    const render = <T>(make: () => T): T => {
      if (!ready) {
        this.register(works, context(works));
        ready = true;
      }
      return make();
    };
    return {
      cluster: (items) => {
        const key = `${JSON.stringify(items)}|${context(items.map((item) => item.id)).join(' ')}`;
        let html = this.clusters.get(key);
        if (html === undefined) {
          html = render(() => this.engine.makeCitationCluster(items));
          this.clusters.set(key, html);
        }
        return html;
      },
      bibliography: () => {
        const keys = new Map(works.map((id) => [id, `${id}|${context([id]).join(' ')}`]));
        const missing = works.filter((id) => !this.entries.has(keys.get(id)!));
        if (missing.length > 0) {
          for (const [id, html] of render(() => this.renderEntries(missing))) this.entries.set(keys.get(id)!, html);
        }
        const entries = works.map((id) => ({ id, html: this.entries.get(keys.get(id)!) ?? '' }));
        const keyed = new Map(works.map((id, seq) => [id, { sortkeys: this.sortKeys.get(id), seq }]));
        entries.sort((a, b) => this.engine.registry.sorter.compareKeys(keyed.get(a.id)!, keyed.get(b.id)!));
        return { entries, hangingIndent: this.hangingIndent };
      },
    };
  }

  /** Renders the entries of `ids` in one pass of citeproc (with the registry readied for them). */
  private renderEntries(ids: string[]): Map<string, string> {
    const rendered = new Map<string, string>(ids.map((id) => [id, '']));
    const made = this.engine.makeBibliography({ include: ids.map((id) => ({ field: 'id', value: id })) });
    if (made) {
      this.hangingIndent = Boolean(made[0].hangingindent);
      for (const [index, entry] of made[1].entries()) {
        const id = made[0].entry_ids[index]?.[0];
        if (id !== undefined && rendered.has(id)) rendered.set(id, unwrapEntry(entry));
      }
    }
    return rendered;
  }

  /**
   * Readies citeproc's registry to render `works`: of the works related to them,
   * exactly `needed` must be registered; anything else may stay. Registry
   * updates cost citeproc time in proportion to what changes, so the registry
   * grows as briefs need works and changes no more than it must.
   */
  private register(works: string[], needed: string[]): void {
    const next = new Set(this.registered);
    for (const id of works) for (const related of this.related.get(id) ?? [id]) next.delete(related);
    for (const id of needed) next.add(id);
    if (next.size === this.registered.size && [...next].every((id) => this.registered.has(id))) return;
    this.engine.updateItems([...next]);
    this.registered = next;
    for (const id of next) {
      if (!this.sortKeys.has(id)) this.sortKeys.set(id, this.engine.registry.registry[id]?.sortkeys ?? []);
    }
  }
}

/** Every creator family name (or literal name) of a work, lowercased; its title when it has none. */
function familyNames(item: CslItem): string[] {
  const names: string[] = [];
  for (const role of ['author', 'editor', 'translator', 'compiler', 'director', 'collection-editor', 'container-author']) {
    const list = item[role];
    if (Array.isArray(list)) {
      for (const name of list as { family?: string; literal?: string }[]) names.push((name.family ?? name.literal ?? '').toLowerCase());
    }
  }
  return names.length > 0 ? [...new Set(names)] : [`title:${String(item.title ?? '').toLowerCase()}`];
}

function unwrapEntry(entry: string): string {
  return entry.trim().replace(/^<div class="csl-entry">/, '').replace(/<\/div>$/, '');
}
