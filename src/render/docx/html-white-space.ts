import type { ElementContent, RootContent } from 'hast';

/**
 * Collapses white space as HTML does: runs of spaces and line breaks become
 * one space, and none is left at the start or end of a block or after a break.
 * Text in <pre> is kept as it is.
 */
export function collapseWhiteSpace(nodes: (RootContent | ElementContent)[], isBlock: (tagName: string) => boolean): void {
  let text: { value: string }[] = [];
  const endBlock = () => {
    trimEnds(text);
    text = [];
  };
  const walk = (children: (RootContent | ElementContent)[]) => {
    for (const node of children) {
      if (node.type === 'text') {
        node.value = node.value.replace(/[ \t\n\r\f]+/g, ' ');
        text.push(node);
      } else if (node.type === 'element') {
        if (node.tagName === 'pre') {
          endBlock();
          continue;
        }
        const block = isBlock(node.tagName) || node.tagName === 'td' || node.tagName === 'th' || node.tagName === 'caption' || node.tagName === 'tr';
        if (block) endBlock();
        if (node.tagName === 'br') text.push({ value: '\n' });
        walk(node.children);
        if (block) endBlock();
      }
    }
  };
  walk(nodes);
  endBlock();
}

function trimEnds(texts: { value: string }[]): void {
  let space = true;
  for (const text of texts) {
    if (text.value === '\n') {
      space = true;
      continue;
    }
    if (space) text.value = text.value.replace(/^ /, '');
    if (text.value !== '') space = text.value.endsWith(' ');
  }
  for (let index = texts.length - 1; index >= 0; index -= 1) {
    const text = texts[index]!;
    if (text.value === '\n') continue;
    text.value = text.value.replace(/ $/, '');
    if (text.value !== '') break;
  }
}
