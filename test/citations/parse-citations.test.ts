import { describe, expect, it } from 'vitest';
import { findCitations } from '../../src/citations/parse-citations.js';

describe('findCitations', () => {
  it('reads a bracketed citation with one key', () => {
    const [match] = findCitations('as shown [@smith2020].');
    expect(match).toMatchObject({ narrative: false, items: [{ key: 'smith2020', prefix: '', suffix: '' }] });
    expect('as shown [@smith2020].'.slice(match!.start, match!.end)).toBe('[@smith2020]');
  });

  it('reads several keys with their own prefixes and locators', () => {
    const [match] = findCitations('[see @a, p. 12; also @b, chap. 3, emphasis added; @c]');
    expect(match!.items).toEqual([
      expect.objectContaining({ key: 'a', prefix: 'see ', locator: '12', label: 'page', suffix: '' }),
      expect.objectContaining({ key: 'b', prefix: 'also ', locator: '3', label: 'chapter', suffix: ', emphasis added' }),
      expect.objectContaining({ key: 'c', prefix: '' }),
    ]);
  });

  it('turns a Pandoc page range into a CSL range', () => {
    expect(findCitations('[@key, pp. 3--5]')[0]!.items[0]).toMatchObject({ locator: '3-5', label: 'page' });
  });

  it('treats a bare number after the key as a page', () => {
    expect(findCitations('[@key, 33]')[0]!.items[0]).toMatchObject({ locator: '33', label: 'page' });
  });

  it('reads suppress-author citations', () => {
    expect(findCitations('[-@key]')[0]!.items[0]).toMatchObject({ key: 'key', suppressAuthor: true });
  });

  it('reads narrative citations, with an optional locator in brackets', () => {
    const found = findCitations('@hasselbring2000 argue, and @rose2014 [p. 4] agrees.');
    expect(found.map((m) => [m.narrative, m.items[0]!.key, m.items[0]!.locator])).toEqual([
      [true, 'hasselbring2000', undefined],
      [true, 'rose2014', '4'],
    ]);
  });

  it('leaves trailing punctuation out of a narrative key', () => {
    expect(findCitations('as @smith2020.')[0]!.items[0]!.key).toBe('smith2020');
    expect(findCitations('as @smith:2020, then')[0]!.items[0]!.key).toBe('smith:2020');
  });

  it('does not take an email address for a citation', () => {
    expect(findCitations('write to jane@example.org or [jane@example.org]')).toEqual([]);
  });

  it('ignores brackets without a key, and keeps looking after them', () => {
    const found = findCitations('[not a cite] but [@real]');
    expect(found).toHaveLength(1);
    expect(found[0]!.items[0]!.key).toBe('real');
  });

  it('accepts braced keys', () => {
    expect(findCitations('[@{weird key}]')[0]!.items[0]!.key).toBe('weird key');
  });

  it('records where each key starts', () => {
    const text = 'x [@a; @b]';
    const [match] = findCitations(text);
    expect(match!.items.map((item) => text.slice(item.offset, item.offset + 2))).toEqual(['@a', '@b']);
  });
});
