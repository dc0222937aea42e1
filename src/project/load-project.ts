import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { BriefwrightError, ProblemList } from '../errors.js';
import { isBibliographyFile, loadReferences, type ReferenceLibrary } from '../citations/load-references.js';
import { loadSections } from '../sections/load-sections.js';
import type { BrokenSection, Section } from '../sections/section.js';
import { PACKAGE_ROOT } from './package-root.js';
import { parseTaxonomy, type Taxonomy } from './taxonomy.js';

/** Project-relative paths of the parts of a project folder. */
export const LAYOUT = {
  taxonomy: 'content/taxonomy.yaml',
  sections: 'content/sections',
  content: 'content',
  briefs: 'briefs',
  templates: 'templates',
  styles: 'styles',
  output: 'output',
} as const;

/** Everything read from a project folder, validated. */
export interface Project {
  root: string;
  taxonomy: Taxonomy;
  taxonomySource: string;
  sections: Section[];
  /** Section files that could not be loaded, with their problems. */
  brokenSections: BrokenSection[];
  references: ReferenceLibrary;
  bibliographyFiles: string[];
  /** Project-relative recipe files in `briefs/`, sorted. */
  recipeFiles: string[];
  /** Absolute folder of templates: the project's own, or the built-in ones. */
  templatesDir: string;
  /** Absolute folder of styles: the project's own, or the built-in ones. */
  stylesDir: string;
}

/**
 * Loads a project folder. Every problem found (in the taxonomy, any section, any
 * bibliography entry) is reported at once. With `keepBrokenSections`, sections
 * that cannot be loaded are left in `brokenSections` instead, so a build can
 * make the briefs that cannot pick them.
 */
export async function loadProject(options: { root: string; keepBrokenSections?: boolean }): Promise<Project> {
  const { project, problems } = await readProject(options);
  const fatal = options.keepBrokenSections ? project.references.problems : problems;
  if (fatal.length === 1) throw fatal[0];
  if (fatal.length > 1) throw new ProblemList(fatal);
  return project;
}

/**
 * Reads as much of a project as can be read: sections and references with
 * problems are left out and the problems returned. Only a missing or broken
 * taxonomy stops it, since nothing else can be checked without one.
 */
export async function readProject(options: { root: string }): Promise<{ project: Project; problems: BriefwrightError[] }> {
  const root = path.resolve(options.root);
  const taxonomyPath = path.join(root, LAYOUT.taxonomy);
  if (!existsSync(taxonomyPath)) {
    throw new BriefwrightError(
      `not a briefwright project: ${LAYOUT.taxonomy} not found in ${root} (pass --root DIR, or run 'briefwright init DIR')`,
    );
  }
  const taxonomySource = await readFile(taxonomyPath, 'utf8');
  const taxonomy = parseTaxonomy(taxonomySource, LAYOUT.taxonomy);
  const sectionFiles = (await listFiles(root, LAYOUT.sections)).filter((file) => file.endsWith('.md'));
  const bibliographyFiles = (await listFiles(root, LAYOUT.content, false)).filter(isBibliographyFile);
  const [{ sections, broken }, references] = await Promise.all([
    loadSections({ root, files: sectionFiles, taxonomy }),
    loadReferences({ root, files: bibliographyFiles }),
  ]);
  const recipeFiles = (await listFiles(root, LAYOUT.briefs, false)).filter((file) => /\.ya?ml$/.test(file));
  const project: Project = {
    root,
    taxonomy,
    taxonomySource,
    sections,
    brokenSections: broken,
    references,
    bibliographyFiles,
    recipeFiles,
    templatesDir: ownOrBuiltIn(root, LAYOUT.templates),
    stylesDir: ownOrBuiltIn(root, LAYOUT.styles),
  };
  return { project, problems: [...broken.flatMap((section) => section.problems), ...references.problems] };
}

function ownOrBuiltIn(root: string, folder: string): string {
  const own = path.join(root, folder);
  return existsSync(own) ? own : path.join(PACKAGE_ROOT, folder);
}

/** Files under `folder` (recursively unless told not to), project-relative with '/', sorted. */
export async function listFiles(root: string, folder: string, recursive = true): Promise<string[]> {
  const dir = path.join(root, folder);
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => path.relative(root, path.join(entry.parentPath ?? (entry as { path?: string }).path ?? dir, entry.name)).split(path.sep).join('/'))
    .sort();
}
