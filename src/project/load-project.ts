import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { BriefwrightError, ProblemList } from '../errors.js';
import type { ReferenceLibrary } from '../citations/load-references.js';
import type { BrokenSection, Section } from '../sections/section.js';
import { FileLayers } from './file-layers.js';
import { PACKAGE_ROOT } from './package-root.js';
import type { Taxonomy } from './taxonomy.js';

/** Project-relative paths of the parts of a project folder. */
export const LAYOUT = {
  taxonomy: 'content/taxonomy.yaml',
  sections: 'content/sections',
  content: 'content',
  briefs: 'briefs',
  templates: 'templates',
  styles: 'styles',
  output: 'output',
  config: 'briefwright.yaml',
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
  /** Templates, partials and styles: the project's files laid over the built-in ones, file by file. */
  layers: FileLayers;
}

/**
 * Loads a project folder. Every problem found (in the taxonomy, any section) is
 * reported at once. A bibliography entry that cannot be read does not stop the
 * project: it is left out, and only the briefs that cite it fail, saying why.
 * With `keepBrokenSections`, sections that cannot be loaded are left in
 * `brokenSections` instead, so a build can make the briefs that cannot pick them.
 */
export async function loadProject(options: { root: string; keepBrokenSections?: boolean }): Promise<Project> {
  const { project, problems } = await readProject(options);
  const fatal = options.keepBrokenSections ? [] : problems.filter((problem) => !project.references.problems.includes(problem));
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
  // The readers are loaded here, not with this module, so that what only needs
  // the layout (a build with nothing stale, a job list) does not load them.
  const [{ parseTaxonomy }, { loadSections }, { isBibliographyFile, loadReferences }] = await Promise.all([
    import('./taxonomy.js'),
    import('../sections/load-sections.js'),
    import('../citations/load-references.js'),
  ]);
  const taxonomySource = await readFile(taxonomyPath, 'utf8');
  const taxonomy = parseTaxonomy(taxonomySource, LAYOUT.taxonomy);
  const sectionFiles = (await listFiles(root, LAYOUT.sections)).filter((file) => file.endsWith('.md'));
  const bibliographyFiles = (await listFiles(root, LAYOUT.content, false)).filter(isBibliographyFile);
  const [{ sections, broken }, references] = await Promise.all([
    loadSections({ root, files: sectionFiles, taxonomy }),
    loadReferences({ root, files: bibliographyFiles }),
  ]);
  const recipeFiles = await listRecipeFiles(root);
  const project: Project = {
    root,
    taxonomy,
    taxonomySource,
    sections,
    brokenSections: broken,
    references,
    bibliographyFiles,
    recipeFiles,
    layers: new FileLayers({ project: root, builtIn: PACKAGE_ROOT }),
  };
  return { project, problems: [...broken.flatMap((section) => section.problems), ...references.problems] };
}

/** The project's recipe files (`briefs/*.yaml`), project-relative, sorted. */
export async function listRecipeFiles(root: string): Promise<string[]> {
  return (await listFiles(root, LAYOUT.briefs, false)).filter((file) => /\.ya?ml$/.test(file));
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
