import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SectionCache } from '../../src/compose/section-cache.js';
import { SectionTrees } from '../../src/compose/section-trees.js';
import type { Section } from '../../src/sections/section.js';

const BODY = [
  'Students "learn" best -- as @rose2014a [p. 4] found -- with feedback [see @gleason2013].',
  '',
  '![A chart of growth](fig.svg "Growth"){#fig-growth}',
  '',
  'As @fig-growth shows, growth is steady.[^1]',
  '',
  '[^1]: A note citing [@wested2014].',
  '',
].join('\n');

let root: string;
let cacheDir: string;

const section = (body = BODY) => ({ id: 'growth', file: 'content/sections/evidence/growth.md', body, bodyLine: 7 }) as unknown as Section;
const cached = () => new SectionTrees(root, { cache: new SectionCache(cacheDir) });
const uncached = () => new SectionTrees(root);

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'section-cache-'));
  cacheDir = path.join(root, 'output', '.records', 'sections');
  mkdirSync(path.join(root, 'content/sections/evidence'), { recursive: true });
  writeFileSync(path.join(root, 'content/sections/evidence/fig.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('SectionCache', () => {
  it('gives a later run exactly the rendering an uncached run makes', () => {
    const first = cached().get(section());
    expect(first.citations).toHaveLength(3);
    expect(first.images).toHaveLength(1);
    expect(readdirSync(cacheDir)).toHaveLength(1);
    const later = cached().get(section());
    const fresh = uncached().get(section());
    expect(JSON.stringify(later)).toBe(JSON.stringify(fresh));
    expect(later).toEqual(fresh);
  });

  it('serves a later run from what it kept', () => {
    cached().get(section());
    // Marks the kept rendering, so a later run shows where its rendering came from.
    const [file] = readdirSync(cacheDir);
    const kept = JSON.parse(readFileSync(path.join(cacheDir, file!), 'utf8'));
    kept.rendered.html = `${kept.rendered.html}<!-- kept -->`;
    writeFileSync(path.join(cacheDir, file!), JSON.stringify(kept));
    expect(cached().get(section()).html).toMatch(/<!-- kept -->$/);
  });

  it('renders a section afresh when its text changes', () => {
    cached().get(section());
    const edited = BODY.replace('steady', 'steady and strong');
    const later = cached().get(section(edited));
    expect(later.html).toContain('steady and strong');
    expect(later).toEqual(uncached().get(section(edited)));
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });

  it('renders a section afresh when an image it embeds changes', () => {
    const before = cached().get(section());
    writeFileSync(path.join(root, 'content/sections/evidence/fig.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"></svg>');
    const later = cached().get(section());
    expect(later.html).not.toBe(before.html);
    expect(later).toEqual(uncached().get(section()));
  });

  it('renders a section afresh when it moves within its file or to another file', () => {
    cached().get(section());
    const moved = { ...section(), bodyLine: 9 } as Section;
    expect(cached().get(moved).citations[0]!.keyLocations[0]!.line).toBe(uncached().get(moved).citations[0]!.keyLocations[0]!.line);
    expect(cached().get(moved)).toEqual(uncached().get(moved));
  });

  it('keeps no rendering that has problems, so they are reported every time', () => {
    const broken = section(`${BODY}\n![](missing.png)\n`);
    const first = cached().get(broken);
    expect(first.problems.length).toBeGreaterThan(0);
    expect(existsSync(cacheDir) ? readdirSync(cacheDir) : []).toEqual([]);
    expect(cached().get(broken).problems.map(String)).toEqual(first.problems.map(String));
  });

  it('keeps renderings beside the build records', () => {
    expect(SectionCache.beside('/out').dir).toBe(path.join('/out', '.records', 'sections'));
  });
});
