import { existsSync } from 'node:fs';
import path from 'node:path';
import { BriefwrightError, ProblemCollector } from '../errors.js';
import type { Project } from './load-project.js';
import { didYouMean } from './suggest.js';

/**
 * Turns what the user typed into recipe files: a path (relative to the current
 * folder or the project), or a bare name looked up in briefs/.
 */
export async function locateRecipes(project: Project, names: readonly string[]): Promise<string[]> {
  const problems = new ProblemCollector();
  const found = names.flatMap((name) =>
    problems.attempt(() => {
      for (const candidate of [path.resolve(name), path.resolve(project.root, name)]) {
        if (existsSync(candidate) && /\.ya?ml$/.test(candidate)) {
          const relative = path.relative(project.root, candidate);
          if (relative.startsWith('..') || path.isAbsolute(relative)) {
            throw new BriefwrightError(`recipe ${name} is outside the project folder ${project.root}`);
          }
          return relative.split(path.sep).join('/');
        }
      }
      const byName = project.recipeFiles.find((file) => path.basename(file).replace(/\.ya?ml$/, '') === name);
      if (byName) return byName;
      const known = project.recipeFiles.map((file) => path.basename(file).replace(/\.ya?ml$/, ''));
      throw new BriefwrightError(`no recipe '${name}' in briefs/${didYouMean(name, known)}`);
    }) ?? [],
  );
  problems.throwIfAny();
  return [...new Set(found)];
}
