import { describe, expect, it } from 'vitest';
import { fieldLocator, mergeFields, resolveRequest } from '../../src/project/brief-request.js';
import { parseTaxonomy } from '../../src/project/taxonomy.js';
import { YamlFile } from '../../src/project/yaml-file.js';

const taxonomy = parseTaxonomy(
  'populations:\n  - {id: english-learners, label: English learners, aliases: [els]}\n  - {id: students-in-poverty, label: Students in poverty}\ntopics:\n  - {id: technology-access, label: Technology access}\n',
  'taxonomy.yaml',
);

describe('mergeFields', () => {
  it('lets later layers win and never lets undefined hide a value', () => {
    expect(mergeFields({ style: 'apa', theme: 'default' }, { style: 'vancouver' }, { style: undefined, theme: 'partner' })).toEqual({
      style: 'vancouver',
      theme: 'partner',
    });
  });
});

describe('resolveRequest', () => {
  it('names and titles a one-off brief after its picks', () => {
    const request = resolveRequest({ fields: { populations: ['els'], topics: ['technology-access'] }, taxonomy, today: '2026-11-23' });
    expect(request).toMatchObject({
      name: 'english-learners-technology-access',
      title: 'Technology Access for English Learners',
      date: '2026-11-23',
      template: 'brief',
      style: 'apa',
      formats: ['html', 'pdf'],
    });
  });

  it('expands all to every population', () => {
    const request = resolveRequest({ fields: { populations: ['all'] }, taxonomy, today: '2026-11-23' });
    expect(request.populations).toEqual(['english-learners', 'students-in-poverty']);
    expect(request.name).toBe('all');
  });

  it('titles a brief "for All Students" only when it asked for all', () => {
    const both = resolveRequest({ fields: { populations: ['els', 'students-in-poverty'] }, taxonomy, today: 'x' });
    expect(both.title).toBe('What the Evidence Says for English Learners and Students in Poverty');
    expect(both.name).toBe('english-learners-students-in-poverty');
    expect(resolveRequest({ fields: { populations: ['all'] }, taxonomy, today: 'x' }).title).toBe('What the Evidence Says for All Students');
  });

  it('says where each field was set: the command line, the recipe, or the project settings', () => {
    const recipeYaml = YamlFile.parse('populations: [els]\ntemplate: handout\n', 'briefs/r.yaml');
    const configYaml = YamlFile.parse('defaults:\n  theme: partner\n  template: brief\n', 'briefwright.yaml');
    const where = fieldLocator({
      recipe: { name: 'r', file: 'briefs/r.yaml', fields: { populations: ['els'], template: 'handout' }, yaml: recipeYaml, source: '' },
      config: { defaults: { theme: 'partner', template: 'brief' }, yaml: configYaml },
      flags: { style: 'vancouver' },
    });
    expect(where('template')).toEqual({ file: 'briefs/r.yaml', line: 2, column: 11 });
    expect(where('populations', 0)).toEqual({ file: 'briefs/r.yaml', line: 1, column: 15 });
    expect(where('theme')).toEqual({ file: 'briefwright.yaml', line: 2, column: 10 });
    expect(where('style')).toBeUndefined();
    expect(where('paper')).toBeUndefined();
  });

  it('requires a population', () => {
    expect(() => resolveRequest({ fields: { topics: ['technology-access'] }, taxonomy, today: 'x' })).toThrow(/at least one population/);
  });
});

describe('paths in recipes', () => {
  it('refuses a template or theme that is a path', () => {
    for (const fields of [{ template: '../../etc/passwd' }, { theme: '../outside' }]) {
      expect(() => resolveRequest({ fields: { populations: ['els'], ...fields }, taxonomy, today: 'x' })).toThrow(/must be a name .*not a path/);
    }
  });
});
