import path from 'node:path';
import CSL from 'citeproc';
import { describe, expect, it } from 'vitest';
import { indexedLookup, type XmlNode } from '../../src/citations/macro-index.js';
import { resolveStyle } from '../../src/citations/styles.js';
import { FIXTURES } from '../helpers/fixture.js';

const root = path.join(FIXTURES, 'citations');

/** The unindexed walk, as citeproc defines it, whatever the prototype holds now. */
function walk(node: XmlNode, name: string, nameattrval?: string, ret: XmlNode[] = []): XmlNode[] {
  if (!node?.children) return ret;
  if (node.name === name && (!nameattrval || node.attrs?.name === nameattrval)) ret.push(node);
  for (const child of node.children) if (typeof child === 'object') walk(child as XmlNode, name, nameattrval, ret);
  return ret;
}

describe('indexedLookup', () => {
  it.each(['apa', 'harvard1', 'vancouver', 'house-style.csl'])('finds the same macro nodes as a full walk in %s', (id) => {
    const tree = CSL.setupXml(resolveStyle(id, { root }).xml).dataObj as XmlNode;
    const lookup = indexedLookup(walk);
    const names = walk(tree, 'macro').map((macro) => String(macro.attrs?.name));
    expect(names.length).toBeGreaterThan(2);
    for (const name of [...names, 'no-such-macro']) {
      const found = lookup(tree, 'macro', name);
      expect(found).toEqual(walk(tree, 'macro', name));
      for (const [index, node] of found.entries()) expect(node).toBe(walk(tree, 'macro', name)[index]);
    }
  });

  it('sees a macro added to the style after the first lookup', () => {
    const tree = CSL.setupXml(resolveStyle('apa', { root }).xml).dataObj as XmlNode;
    const lookup = indexedLookup(walk);
    expect(lookup(tree, 'macro', 'late')).toEqual([]);
    const late = { name: 'macro', attrs: { name: 'late' }, children: [] };
    tree.children!.push(late);
    expect(lookup(tree, 'macro', 'late')[0]).toBe(late);
  });

  it('leaves every other lookup to the walk', () => {
    const tree = CSL.setupXml(resolveStyle('apa', { root }).xml).dataObj as XmlNode;
    const lookup = indexedLookup(walk);
    expect(lookup(tree, 'text').length).toBe(walk(tree, 'text').length);
    expect(lookup(tree, 'macro').length).toBe(walk(tree, 'macro').length);
  });
});
