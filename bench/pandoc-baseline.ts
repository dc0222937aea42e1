// The peer a single brief is measured against: pandoc with its citation
// processor, on the same Markdown, references and style as the brief.
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveRequest } from '../src/project/brief-request.js';
import { loadProject } from '../src/project/load-project.js';
import { PACKAGE_ROOT } from '../src/project/package-root.js';
import { readRecipe } from '../src/project/recipe.js';
import { selectSections } from '../src/sections/select.js';
import type { TimedCommand } from './process-timing.js';

/** Pandoc commands for one brief, and what the Markdown they read holds. */
export interface PandocBaseline {
  html: TimedCommand;
  /** HTML then PDF through WeasyPrint, when WeasyPrint is installed. */
  pdf?: TimedCommand;
  sections: number;
  words: number;
  /** The first picked section's file, project-relative (the one a prose edit changes). */
  firstSection: string;
}

/**
 * Writes the brief's picked sections, in the order the brief has them, as one
 * Markdown file under `dir`, and returns the pandoc commands that turn it into
 * a standalone HTML page (and a PDF) with APA citations and a reference list.
 */
export async function pandocBaseline(root: string, recipe: string, dir: string): Promise<PandocBaseline> {
  const project = await loadProject({ root });
  const { fields } = await readRecipe(root, `briefs/${recipe}.yaml`);
  const request = resolveRequest({ fields, taxonomy: project.taxonomy, today: '2026-11-23' });
  const sections = selectSections(project.sections, request);
  const markdown = [
    '---',
    `title: ${JSON.stringify(request.title)}`,
    `lang: ${request.lang}`,
    '---',
    '',
    ...sections.flatMap((section) => [`# ${section.title}`, '', section.body.trim(), '']),
    '# References',
    '',
  ].join('\n');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'brief.md'), markdown);
  const common = [
    'brief.md',
    '--standalone',
    '--citeproc',
    `--bibliography=${path.join(root, 'content', 'references.bib')}`,
    `--csl=${path.join(PACKAGE_ROOT, 'csl', 'apa.csl')}`,
  ];
  const weasyprint = spawnSync('weasyprint', ['--version'], { stdio: 'ignore' }).status === 0;
  return {
    html: { command: 'pandoc', args: [...common, '-o', 'brief.html'], cwd: dir },
    pdf: weasyprint ? { command: 'pandoc', args: [...common, '--pdf-engine=weasyprint', '-o', 'brief.pdf'], cwd: dir } : undefined,
    sections: sections.length,
    words: sections.reduce((sum, section) => sum + section.body.split(/\s+/).filter(Boolean).length, 0),
    firstSection: sections[0]!.file,
  };
}
