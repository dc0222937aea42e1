import { composeBrief, type ComposedBrief } from '../compose/compose-brief.js';
import type { LayoutSettings } from '../compose/templates.js';
import { defaultDate, mergeFields, resolveRequest, type BriefRequest } from '../project/brief-request.js';
import type { RecipeFields } from '../project/recipe.js';
import type { BrowserSession } from '../render/browser-session.js';
import { printBrief } from '../render/print-brief.js';
import { DocxWriter } from '../render/docx/docx-writer.js';
import { renderBrief, type Printing } from '../render/render-brief.js';
import { selectInLanguage } from '../sections/languages.js';
import type { Section } from '../sections/section.js';
import type { ProjectSnapshot } from './project-snapshot.js';

/** A brief resolved and selected, ready to compose: what `build` plans for a one-off brief. */
export interface PreparedBrief {
  request: BriefRequest;
  layout: LayoutSettings;
  sections: Section[];
}

/**
 * Resolves choices as `build` resolves a one-off brief from flags (project
 * defaults, then the choices) and picks its sections by the same rule.
 */
export function prepareBrief(snapshot: ProjectSnapshot, fields: RecipeFields, today = defaultDate()): PreparedBrief {
  const request = resolveRequest({ fields: mergeFields(snapshot.config.defaults, fields), taxonomy: snapshot.project.taxonomy, today, labels: (lang) => snapshot.templates.labels(lang) });
  const layout = snapshot.templates.settings(request.template);
  const sections = layout.sections ? selectInLanguage(snapshot.project.sections, request) : [];
  return { request, layout, sections };
}

/** Composes a prepared brief to the HTML `build` would write. */
export async function composePreview(snapshot: ProjectSnapshot, brief: PreparedBrief, printing?: Printing): Promise<ComposedBrief> {
  const { project } = snapshot;
  return composeBrief({
    request: brief.request,
    sections: brief.sections,
    taxonomy: project.taxonomy,
    references: project.references.byId,
    unreadable: project.references.unreadable,
    items: project.references.items,
    style: snapshot.style(brief.request.style),
    engines: snapshot.engines,
    templates: snapshot.templates,
    stylesheet: await snapshot.stylesheet(brief.request.theme),
    pages: printing?.pages,
    pageCount: printing?.pageCount,
    trees: snapshot.trees,
  });
}

/** A printed brief and what the reader should know about it. */
export interface PrintedPreview {
  bytes: Uint8Array;
  pages: number;
  /** Such as a handout that runs past its page budget. */
  warnings: string[];
}

/** Prints a prepared brief exactly as `build` does. */
export async function printPreview(snapshot: ProjectSnapshot, brief: PreparedBrief, browser: BrowserSession): Promise<PrintedPreview> {
  const { pdf, overBudget } = await renderBrief({
    compose: (printing) => composePreview(snapshot, brief, printing),
    print: (html) => printBrief({ browser, html, request: brief.request, taxonomy: snapshot.project.taxonomy }),
    toc: brief.layout.toc,
  });
  const warnings = overBudget
    ? [`${overBudget.pages} pages, ${overBudget.pages - overBudget.limit} over the ${brief.request.template} template's limit of ${overBudget.limit}`]
    : [];
  return { ...pdf!, warnings };
}

/** A prepared brief's Word file, exactly as `build` writes it. */
export async function docxPreview(snapshot: ProjectSnapshot, brief: PreparedBrief): Promise<{ bytes: Uint8Array; warnings: string[] }> {
  const composed = await composePreview(snapshot, brief);
  const writer = new DocxWriter({ layers: snapshot.project.layers, root: snapshot.project.root });
  return writer.write({ model: composed.model, layout: brief.layout });
}
