import { describe, expect, it } from 'vitest';
import { parseSuffix } from '../../src/citations/locators.js';

describe('parseSuffix', () => {
  it.each([
    [', p. 4', 'page', '4', ''],
    [', pp. 33--35, 38', 'page', '33-35, 38', ''],
    [', chap. 2', 'chapter', '2', ''],
    [', sec. 1.4', 'section', '1.4', ''],
    [', para. 12', 'paragraph', '12', ''],
    [', ¶ 3', 'paragraph', '3', ''],
    [', fig. 3', 'figure', '3', ''],
    [', vol. iv', 'volume', 'iv', ''],
    [', p. 4, emphasis added', 'page', '4', ', emphasis added'],
    [', {pp. iv, vi-xi, (xv)} and more', 'page', 'iv, vi-xi, (xv)', ' and more'],
    [', pp. {iv, vi-xi}', 'page', 'iv, vi-xi', ''],
  ])('splits %j', (raw, label, locator, suffix) => {
    expect(parseSuffix(raw)).toEqual(label ? { label, locator, suffix } : { suffix });
  });

  it('keeps a plain remark as the suffix', () => {
    expect(parseSuffix(', and elsewhere')).toEqual({ suffix: ', and elsewhere' });
  });

  it('does not read a word that starts like a term as a locator', () => {
    expect(parseSuffix(', people 4')).toEqual({ suffix: ', people 4' });
  });
});
