// A synthetic project of N recipes over the shipped library, for the benchmark
// and for profiling: `tsx bench/synthetic-project.ts DIR [N]` writes one to DIR.
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProject } from '../src/project/load-project.js';
import { PACKAGE_ROOT } from '../src/project/package-root.js';
import { resolveRequest } from '../src/project/brief-request.js';
import { selectSections } from '../src/sections/select.js';

/**
 * Writes a project of `recipes` recipes (population and topic mixes, a quarter
 * handouts) to `dir`, or a new temporary folder; `formats` sets every recipe's
 * outputs (default: the recipes name none, so each gets HTML and PDF).
 */
export async function makeProject(recipes: number, dir?: string, options: { formats?: string[] } = {}): Promise<string> {
  const root = dir ?? (await mkdtemp(path.join(os.tmpdir(), 'briefwright-bench-')));
  await cp(path.join(PACKAGE_ROOT, 'content'), path.join(root, 'content'), { recursive: true });
  await mkdir(path.join(root, 'briefs'));
  const project = await loadProject({ root });
  const { populations, topics } = project.taxonomy;
  const combos: { population: string; topics: string[] }[] = [];
  for (const population of populations) {
    combos.push({ population: population.id, topics: [] });
    for (const topic of topics) combos.push({ population: population.id, topics: [topic.id] });
    for (let i = 0; i + 1 < topics.length; i += 1) combos.push({ population: population.id, topics: [topics[i]!.id, topics[i + 1]!.id] });
  }
  const usable = combos.filter((combo) => {
    try {
      const request = resolveRequest({ fields: { populations: [combo.population], topics: combo.topics }, taxonomy: project.taxonomy, today: '2026-01-01' });
      return selectSections(project.sections, request).length > 0;
    } catch {
      return false;
    }
  });
  for (let index = 0; index < recipes; index += 1) {
    const combo = usable[index % usable.length]!;
    const recipe = [
      `title: Synthetic brief ${index + 1}`,
      'date: 2026-11-23',
      `populations: [${combo.population}]`,
      `topics: [${combo.topics.join(', ')}]`,
      index % 4 === 3 ? 'template: handout' : 'template: brief',
      ...(options.formats ? [`formats: [${options.formats.join(', ')}]`] : []),
    ].join('\n');
    await writeFile(path.join(root, 'briefs', `brief-${String(index + 1).padStart(3, '0')}.yaml`), `${recipe}\n`);
  }
  return root;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, count] = process.argv.slice(2);
  if (!dir) throw new Error('usage: tsx bench/synthetic-project.ts DIR [N]');
  console.log(await makeProject(Number(count ?? 100), path.resolve(dir)));
}
