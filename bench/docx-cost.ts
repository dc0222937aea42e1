import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from '../src/build.js';
import { CitationEngines } from '../src/citations/citation-engines.js';
import { resolveStyle } from '../src/citations/styles.js';
import { composeBrief, type ComposedBrief } from '../src/compose/compose-brief.js';
import { SectionTrees } from '../src/compose/section-trees.js';
import { loadStylesheet } from '../src/compose/stylesheets.js';
import { TemplateSet } from '../src/compose/templates.js';
import { resolveRequest } from '../src/project/brief-request.js';
import { loadProject } from '../src/project/load-project.js';
import { readRecipe } from '../src/project/recipe.js';
import { DocxWriter } from '../src/render/docx/docx-writer.js';
import { selectSections } from '../src/sections/select.js';

/** What a shipped brief's Word file costs in a warm run, beside composing its HTML. */
export interface DocxCost {
  name: string;
  pages: number;
  composeMs: number;
  docxMs: number;
}

/**
 * Times one shipped brief (its PDF's page count says how long it is): composing
 * its HTML, and writing its Word file from the composed brief, each the median
 * of several warm runs (engines, images and fonts already loaded).
 */
export async function docxCost(root: string, recipe: string, runs = 7): Promise<DocxCost> {
  const outputDir = await mkdtemp(path.join(os.tmpdir(), 'briefwright-docx-cost-'));
  const [built] = await build({ root, recipes: [recipe], force: true, outputDir }).finally(() => rm(outputDir, { recursive: true, force: true }));
  const project = await loadProject({ root });
  const { fields } = await readRecipe(root, `briefs/${recipe}.yaml`);
  const request = { ...resolveRequest({ fields, taxonomy: project.taxonomy, today: '2026-11-23' }), name: recipe };
  const templates = await TemplateSet.load({ layers: project.layers });
  const stylesheet = await loadStylesheet({ layers: project.layers, theme: request.theme });
  const engines = new CitationEngines();
  const trees = new SectionTrees(root);
  const layout = templates.settings(request.template);
  const sections = selectSections(project.sections, request);
  const compose = () =>
    composeBrief({
      request,
      sections,
      taxonomy: project.taxonomy,
      references: project.references.byId,
      items: project.references.items,
      style: resolveStyle(request.style, { root }),
      engines,
      templates,
      stylesheet,
      trees,
    });
  const writer = new DocxWriter({ layers: project.layers, root });
  const composed: ComposedBrief = compose();
  await writer.write({ model: composed.model, layout });
  const composeMs = await median(runs, async () => void compose());
  const docxMs = await median(runs, async () => void (await writer.write({ model: composed.model, layout })));
  return { name: recipe, pages: built?.pages ?? 0, composeMs, docxMs };
}

async function median(runs: number, task: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}
