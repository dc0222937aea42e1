import { describe, expect, it } from 'vitest';
import { didYouMean, nearest } from '../../src/project/suggest.js';

const IDS = ['english-learners', 'students-with-disabilities', 'students-in-poverty', 'technology-access', 'learning-plans'];

describe('nearest', () => {
  it.each([
    ['english-learner', 'english-learners'],
    ['studnets-in-poverty', 'students-in-poverty'],
    ['tech-acess', 'technology-access'],
    ['learning', 'learning-plans'],
    ['smith20', 'smith2020'],
  ])('suggests %s → %s', (typed, expected) => {
    expect(nearest(typed, [...IDS, 'smith2020', 'smyth1999'])[0]).toBe(expected);
  });

  it('suggests nothing for an unrelated word', () => {
    expect(didYouMean('zebra', IDS)).toBe('');
  });

  it('offers two candidates when two are close', () => {
    expect(didYouMean('rose2014', ['rose2014a', 'rose2014b', 'gay2010'])).toBe(" (did you mean 'rose2014a' or 'rose2014b'?)");
  });
});

describe('nearest, for short words', () => {
  it('suggests a word with two letters swapped, but not one two edits away', () => {
    expect(nearest('pfd', ['html', 'pdf'])).toEqual(['pdf']);
    expect(nearest('all', ['udl', 'els'])).toEqual([]);
    expect(nearest('elz', ['els', 'udl'])).toEqual(['els']);
  });
});
