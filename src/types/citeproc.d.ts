// citeproc-js ships no type declarations; this covers the part briefwright uses.
declare module 'citeproc' {
  export interface CiteprocSys {
    retrieveLocale(lang: string): string | undefined;
    retrieveItem(id: string): unknown;
    wrapCitationEntry?(html: string, id: string, locatorText: string, suffixText: string): string;
    [option: string]: unknown;
  }
  export interface CitationItem {
    id: string;
    prefix?: string;
    suffix?: string;
    locator?: string;
    label?: string;
    'suppress-author'?: boolean;
    'author-only'?: boolean;
  }
  export interface Citation {
    citationID: string;
    citationItems: CitationItem[];
    properties: { noteIndex: number };
  }
  export interface BibliographyMeta {
    entry_ids: string[][];
    hangingindent?: number | boolean;
    'second-field-align'?: string | false;
    linespacing?: number;
    entryspacing?: number;
    bibstart: string;
    bibend: string;
  }
  export class Engine {
    constructor(sys: CiteprocSys, style: string, lang?: string, forceLang?: boolean);
    sys: CiteprocSys;
    opt: { development_extensions: Record<string, boolean>; xclass?: string };
    citation: { opt: { layout_prefix: string; layout_suffix: string } };
    rebuildProcessorState(citations: Citation[], mode?: string, uncited?: string[]): [string, number, string][];
    makeBibliography(selection?: {
      select?: { field: string; value: string }[];
      include?: { field: string; value: string }[];
    }): [BibliographyMeta, string[]] | false;
    getTerm(term: string, form?: string, plural?: number): string;
    updateItems(ids: string[]): void;
    registry: {
      registry: Record<string, { sortkeys?: unknown[] } | undefined>;
      sorter: { compareKeys(a: { sortkeys?: unknown[]; seq: number }, b: { sortkeys?: unknown[]; seq: number }): number };
    };
    updateUncitedItems(ids: string[]): void;
    makeCitationCluster(items: CitationItem[]): string;
  }
  /** citeproc's parsed form of a style or locale (used when no DOM is available). */
  export interface XmlJSON {
    getNodesByName(node: any, name: string, nameattrval?: string, ret?: any[]): any[];
  }
  const CSL: { Engine: typeof Engine; SYS_OPTIONS: string[]; XmlJSON: { prototype: XmlJSON }; setupXml(xml: string): XmlJSON & { dataObj: any } };
  export default CSL;
}
