import type { PdfUpdate } from '../../pdf/pdf-update.js';
import { kidsOf, STANDARD_TYPES, structElements, structTreeRoot, type StructElement } from '../../pdf/structure-tree.js';
import { nameOf, PdfName, PdfRef, PdfString, type PdfDict, type PdfValue } from '../../pdf/pdf-values.js';

/**
 * PDF 2.0 types Chromium writes, mapped to their PDF 1.7 equivalents for
 * PDF/UA-1 (which knows only PDF 1.7's types; ISO 14289-1 7.1). Any other
 * unknown type maps to NonStruct, which groups without meaning.
 */
const ROLES: Record<string, string> = {
  Aside: 'Div',
  DocumentFragment: 'Div',
  Em: 'Span',
  Strong: 'Span',
  Sub: 'Span',
  Title: 'P',
  FENote: 'Note',
  Artifact: 'NonStruct',
};

/**
 * Repairs what Chromium's structure tree gets wrong for PDF/UA-1, in place in
 * the update: non-standard types get a role map; a list item's content goes
 * into an LBody (Chromium puts it straight into the LI, which may hold only
 * Lbl and LBody); every Note gets an ID; a figure that only groups a
 * described image with its caption becomes a Div.
 */
export function repairStructure(update: PdfUpdate): void {
  const root = structTreeRoot(update);
  if (!root) return;
  const elements = structElements(update);
  const byNum = new Map(elements.map((element) => [element.ref.num, element]));
  const parents = new ParentTreeEdits(update, root);
  for (const element of elements) if (element.standard === 'LI') wrapListBody(update, element, byNum, parents);
  parents.save();
  for (const element of elements) if (element.standard === 'Figure') ungroupFigure(update, element);
  let note = 0;
  for (const element of elements) {
    if (element.standard !== 'Note' || element.dict.has('ID')) continue;
    const dict = new Map(update.get(element.ref.num) as PdfDict);
    dict.set('ID', PdfString.text(`note-${(note += 1)}`));
    update.set(element.ref.num, dict);
  }
  const unmapped = new Set(elements.filter((element) => !STANDARD_TYPES.has(element.standard)).map((element) => element.standard));
  if (unmapped.size > 0) {
    const catalog = update.get(update.root) as PdfDict;
    const rootRef = catalog.get('StructTreeRoot');
    const existing = update.lookup(root, 'RoleMap');
    const roleMap: PdfDict = new Map(existing instanceof Map ? existing : []);
    for (const type of unmapped) roleMap.set(type, new PdfName(ROLES[type] ?? 'NonStruct'));
    const updated = new Map(root);
    updated.set('RoleMap', roleMap);
    if (rootRef instanceof PdfRef) update.set(rootRef.num, updated);
    else {
      const changed = new Map(catalog);
      changed.set('StructTreeRoot', updated);
      update.set(update.root, changed);
    }
  }
}

/**
 * Chromium tags an HTML `<figure>` as a Figure, and the `<img>` inside it as
 * another: the outer one has no alternative text of its own (PDF/UA-1 7.3),
 * and if it had, a reader would skip its caption. When a Figure without /Alt
 * holds a Figure, it is a group: a Div, holding the described image and the caption.
 */
function ungroupFigure(update: PdfUpdate, element: StructElement): void {
  if (element.dict.has('Alt') || element.dict.has('ActualText')) return;
  const holdsFigure = (node: StructElement): boolean => node.children.some((child) => child.standard === 'Figure' || holdsFigure(child));
  if (!holdsFigure(element)) return;
  const dict = new Map(update.get(element.ref.num) as PdfDict);
  dict.set('S', new PdfName('Div'));
  update.set(element.ref.num, dict);
}

function wrapListBody(update: PdfUpdate, item: StructElement, byNum: ReadonlyMap<number, StructElement>, parents: ParentTreeEdits): void {
  const kids = kidsOf(update, item.dict);
  const isLabelOrBody = (kid: PdfValue) => kid instanceof PdfRef && ['Lbl', 'LBody'].includes(byNum.get(kid.num)?.standard ?? '');
  if (kids.every(isLabelOrBody)) return;
  const next: PdfValue[] = [];
  let group: PdfValue[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const body = update.allocate();
    const dict: PdfDict = new Map<string, PdfValue>([
      ['Type', new PdfName('StructElem')],
      ['S', new PdfName('LBody')],
      ['P', item.ref],
    ]);
    const page = item.dict.get('Pg');
    if (page) dict.set('Pg', page);
    dict.set('K', group.length === 1 ? group[0]! : group);
    update.set(body.num, dict);
    for (const kid of group) reparent(update, kid, body, page, parents);
    next.push(body);
    group = [];
  };
  for (const kid of kids) {
    if (isLabelOrBody(kid)) {
      flush();
      next.push(kid);
    } else group.push(kid);
  }
  flush();
  const dict = new Map(update.get(item.ref.num) as PdfDict);
  dict.set('K', next.length === 1 ? next[0]! : next);
  update.set(item.ref.num, dict);
}

/** Points a moved kid back at its new parent: an element's /P, or the parent tree for marked content and annotations. */
function reparent(update: PdfUpdate, kid: PdfValue, parent: PdfRef, page: PdfValue | undefined, parents: ParentTreeEdits): void {
  if (typeof kid === 'number') {
    parents.setMarkedContent(page, kid, parent);
    return;
  }
  const dict = kid instanceof PdfRef ? update.get(kid.num) : kid;
  if (!(dict instanceof Map)) return;
  const type = nameOf(dict.get('Type'));
  if (type === 'MCR') {
    const mcid = dict.get('MCID');
    if (typeof mcid === 'number') parents.setMarkedContent(dict.get('Pg') ?? page, mcid, parent);
  } else if (type === 'OBJR') {
    parents.setObject(dict.get('Obj'), parent);
  } else if (kid instanceof PdfRef && dict.has('S')) {
    const moved = new Map(dict);
    moved.set('P', parent);
    update.set(kid.num, moved);
  }
}

/**
 * Edits to the parent tree (the number tree from a page's StructParents, or
 * an annotation's StructParent, to the structure element holding it).
 */
class ParentTreeEdits {
  /** Number tree key → the node holding it, and the index of its value in that node's /Nums. */
  private readonly entries = new Map<number, { node: number; index: number }>();
  private readonly nodes = new Map<number, PdfDict>();
  private readonly arrays = new Map<number, PdfValue[]>();

  constructor(
    private readonly update: PdfUpdate,
    root: PdfDict,
  ) {
    const tree = root.get('ParentTree');
    if (tree instanceof PdfRef) this.index(tree.num, new Set());
  }

  /** Sets the parent of marked content `mcid` on `page`. */
  setMarkedContent(page: PdfValue | undefined, mcid: number, parent: PdfRef): void {
    const pageDict = this.update.resolve(page);
    const key = pageDict instanceof Map ? pageDict.get('StructParents') : undefined;
    if (typeof key !== 'number') return;
    const entry = this.entries.get(key);
    if (!entry) return;
    const nums = this.nums(entry.node);
    const value = nums[entry.index + 1];
    if (value instanceof PdfRef) {
      const array = this.arrays.get(value.num) ?? [...((this.update.get(value.num) as PdfValue[] | undefined) ?? [])];
      array[mcid] = parent;
      this.arrays.set(value.num, array);
    } else if (Array.isArray(value)) {
      const array = [...value];
      array[mcid] = parent;
      nums[entry.index + 1] = array;
    }
  }

  /** Sets the parent of the annotation (or other object) `object`. */
  setObject(object: PdfValue | undefined, parent: PdfRef): void {
    const dict = this.update.resolve(object);
    const key = dict instanceof Map ? dict.get('StructParent') : undefined;
    const entry = typeof key === 'number' ? this.entries.get(key) : undefined;
    if (entry) this.nums(entry.node)[entry.index + 1] = parent;
  }

  /** Writes the changed nodes and arrays into the update. */
  save(): void {
    for (const [num, dict] of this.nodes) this.update.set(num, dict);
    for (const [num, array] of this.arrays) this.update.set(num, array);
  }

  private index(num: number, seen: Set<number>): void {
    if (seen.has(num)) return;
    seen.add(num);
    const node = this.update.get(num);
    if (!(node instanceof Map)) return;
    const nums = this.update.resolve(node.get('Nums'));
    if (Array.isArray(nums)) for (let index = 0; index + 1 < nums.length; index += 2) if (typeof nums[index] === 'number') this.entries.set(nums[index] as number, { node: num, index });
    const kids = this.update.resolve(node.get('Kids'));
    if (Array.isArray(kids)) for (const kid of kids) if (kid instanceof PdfRef) this.index(kid.num, seen);
  }

  /** A node's /Nums, copied on first change so the original stays as read. */
  private nums(num: number): PdfValue[] {
    let node = this.nodes.get(num);
    if (!node) {
      node = new Map(this.update.get(num) as PdfDict);
      node.set('Nums', [...((this.update.resolve(node.get('Nums')) as PdfValue[] | undefined) ?? [])]);
      this.nodes.set(num, node);
    }
    return node.get('Nums') as PdfValue[];
  }
}
