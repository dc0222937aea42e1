import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Document as XmlDocument } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/build.js';
import { status } from '../../../src/status.js';
import { copyFixture } from '../../helpers/fixture.js';
import { all, attr, readDocx } from '../../helpers/read-docx.js';

let root: string;
let cleanup: () => Promise<void>;

/** A reference document as a user makes one: a brief's .docx with its Title recoloured in Word. */
async function makeReferenceDoc(from: string, to: string, colour: string) {
  const zip = await JSZip.loadAsync(await readFile(from));
  const styles = await zip.file('word/styles.xml')!.async('string');
  const title = /<w:style w:type="paragraph" w:styleId="Title">[\s\S]*?<\/w:style>/.exec(styles)![0];
  const kicker = /<w:style w:type="paragraph" w:styleId="Kicker">[\s\S]*?<\/w:style>/.exec(styles)![0];
  const edited = styles.replace(title, title.replace(/<w:color w:val="[0-9A-F]+"\/>/, `<w:color w:val="${colour}"/>`)).replace(kicker, '');
  zip.file('word/styles.xml', edited.replace(/<w:lang w:val="[^"]*"\/>/, '<w:lang w:val="fr-FR"/>'));
  await writeFile(to, await zip.generateAsync({ type: 'nodebuffer' }));
}

beforeAll(async () => {
  ({ root, cleanup } = await copyFixture('word'));
  // The project's templates/ holds only the reference document: the layouts stay the built-in ones.
  await mkdir(path.join(root, 'templates'));
  await build({ root, recipes: ['word-brief'], jobs: 1 });
  await makeReferenceDoc(path.join(root, 'output/word-brief.docx'), path.join(root, 'templates/reference.docx'), 'C00000');
});

afterAll(() => cleanup());

const styleById = (styles: XmlDocument, id: string) => all(styles, 'w:style').find((style) => attr(style, 'w:styleId') === id);

describe('a reference document', () => {
  it('makes a brief stale when it is added or changed', async () => {
    const [brief] = await status({ root, recipes: ['word-brief'] });
    expect(brief?.reasons).toContain('file templates/reference.docx added');
  });

  it('gives the Word file its styles; briefwright adds only the styles it lacks; the brief keeps its language', async () => {
    await build({ root, recipes: ['word-brief'], jobs: 1 });
    const docx = await readDocx(path.join(root, 'output/word-brief.docx'));
    const styles = docx.xml('word/styles.xml');
    expect(attr(all(styleById(styles, 'Title')!, 'w:color')[0], 'w:val')).toBe('C00000');
    expect(styleById(styles, 'Kicker')).toBeDefined();
    expect(attr(all(all(styles, 'w:rPrDefault')[0]!, 'w:lang')[0], 'w:val')).toBe('en-US');
  });

  it('is refused with the file named when it is not a Word file', async () => {
    await writeFile(path.join(root, 'templates/reference.docx'), 'not a zip');
    const [result] = await build({ root, recipes: ['word-brief'], jobs: 1 });
    expect(result?.status).toBe('failed');
    expect(result?.error?.format()).toMatch(/^templates\/reference\.docx: cannot read the Word reference document/);
  });
});
