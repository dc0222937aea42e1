import path from 'node:path';
import { COVERAGE_CSS, coverageLegend, coverageTable } from '../coverage/coverage-table.js';
import { html, SafeHtml, styleText } from '../coverage/html-template.js';
import { DEFAULTS, mergeFields } from '../project/brief-request.js';
import { ALL, type Facet, type Term } from '../project/taxonomy.js';
import { VERSION } from '../project/package-root.js';
import type { BriefChoices } from './brief-choices.js';
import { previewClient, type ClientConfig } from './preview-client.js';
import { PAGE_CSS } from './preview-page-style.js';
import type { ProjectSnapshot } from './project-snapshot.js';

/** What the page is drawn with. */
export interface PreviewPageOptions {
  snapshot: ProjectSnapshot;
  /** The choices in the page's address, already validated (none when it had a problem). */
  choices?: BriefChoices;
  /** Why the address's choices were refused, shown at the top. */
  problem?: string;
  /** The nonce that lets the page's own script (and no other) run. */
  nonce: string;
}

/**
 * The pick page: populations and topics as checkboxes with their descriptions and
 * section counts, the layout choices, the live preview in a sandboxed frame,
 * downloads, "save as recipe", and the coverage grid. The choices live in the
 * address, so a reload (or a shared link) keeps them.
 */
export function previewPage(options: PreviewPageOptions): string {
  const { snapshot, nonce } = options;
  const { taxonomy } = snapshot.project;
  const choices = options.choices;
  // The form always names a paper; Letter unless the project's defaults or the address say otherwise.
  const fields = mergeFields({ ...DEFAULTS, paper: 'letter' }, snapshot.config.defaults, {
    template: choices?.template,
    theme: choices?.theme,
    style: choices?.style,
    paper: choices?.paper,
  });
  const ticked = (facet: Facet) => {
    const values = (facet === 'population' ? choices?.population : choices?.topic) ?? [];
    if (facet === 'population' && values.includes(ALL)) return new Set(taxonomy.populations.map((term) => term.id));
    return new Set(values.map((value) => taxonomy.find(facet, value)?.id).filter((id): id is string => Boolean(id)));
  };
  // The query the page script builds from the form, field for field, so the frame
  // is not loaded a second time when the script starts.
  const query = new URLSearchParams();
  for (const id of ticked('population')) query.append('population', id);
  for (const id of ticked('topic')) query.append('topic', id);
  for (const key of ['template', 'theme', 'style', 'paper'] as const) query.set(key, String(fields[key]));
  for (const key of ['title', 'subtitle', 'audience'] as const) {
    const value = choices?.[key];
    if (value) query.set(key, value);
  }
  const ready = ticked('population').size > 0;
  const config: ClientConfig = { formKey: snapshot.formKey };
  const project = path.basename(snapshot.project.root);
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: ${project} (briefwright)</title>
<style>${styleText(PAGE_CSS + COVERAGE_CSS)}</style>
</head>
<body>
<a class="skip-link" href="#preview-heading">Skip to the preview</a>
<header class="page-header">
<h1>Brief preview <span class="project">${project}</span></h1>
<p>Pick populations and topics; the brief below follows your choices and reloads when the project's files change.</p>
</header>
${options.problem ? html`<p class="problem" role="alert">${options.problem}</p>` : ''}
<noscript><p class="problem">This page needs JavaScript to update the preview as you choose.</p></noscript>
<main class="layout">
<form id="picks" class="picks" action="/" method="get">
${termFieldset(snapshot, 'population', 'Populations', ticked('population'), 'A section tagged for all populations counts for each.')}
${termFieldset(snapshot, 'topic', 'Topics', ticked('topic'), 'Tick none for any topic.')}
<fieldset>
<legend>Layout</legend>
${select('template', 'Template', snapshot.templates.names(), fields.template!, (name) => snapshot.templates.settings(name).description)}
${select('theme', 'Theme', snapshot.themes, fields.theme!)}
${select('style', 'Citation style', withValue(snapshot.featuredStyles, fields.style!), fields.style!)}
${select('paper', 'Paper (PDF)', ['letter', 'a4'], fields.paper!)}
</fieldset>
<fieldset>
<legend>Title block <span class="optional">(optional)</span></legend>
${textInput('title', 'Title', choices?.title, 'Made from your choices when left empty')}
${textInput('subtitle', 'Subtitle', choices?.subtitle)}
${textInput('audience', 'Audience', choices?.audience)}
</fieldset>
</form>
<section class="preview" aria-labelledby="preview-heading">
<h2 id="preview-heading">Preview</h2>
<p id="status" class="status" role="status" aria-live="polite"></p>
<p class="actions">
<a id="download-pdf" class="button" href="/brief.pdf?${query.toString()}"${ready ? '' : html` aria-disabled="true"`}>Download PDF</a>
<a id="download-html" class="button" href="/brief.html?${query.toString()}&amp;download=1"${ready ? '' : html` aria-disabled="true"`}>Download HTML</a>
<a id="download-docx" class="button" href="/brief.docx?${query.toString()}"${ready ? '' : html` aria-disabled="true"`}>Download Word</a>
</p>
<iframe id="preview" title="Brief preview" sandbox="" src="${ready ? `/brief.html?${query.toString()}` : 'about:blank'}"></iframe>
<form id="save" class="save">
<h3>Save as recipe</h3>
<p class="hint">Writes <code>briefs/<var>name</var>.yaml</code>, which <code>briefwright build <var>name</var></code> builds.</p>
<label for="slug">Recipe name</label>
<input id="slug" name="slug" required maxlength="80" pattern="[a-z0-9][a-z0-9\\-]*" aria-describedby="slug-hint" autocomplete="off">
<span id="slug-hint" class="hint">Lowercase letters, digits and hyphens.</span>
<label class="inline"><input type="checkbox" id="overwrite" name="overwrite"> Replace a recipe of the same name</label>
<button type="submit">Save as recipe</button>
<p id="save-status" class="status" role="status" aria-live="polite"></p>
</form>
</section>
<section class="coverage-section" aria-labelledby="coverage-heading">
<h2 id="coverage-heading">Coverage</h2>
<p>How many sections, and how many distinct sources, cover each population and topic. Choose a cell to preview that pair.</p>
<div id="coverage">${coverageFragment(snapshot)}</div>
</section>
</main>
<footer class="page-footer"><p>briefwright ${VERSION}</p></footer>
<script nonce="${nonce}">${clientScript(config)}</script>
</body>
</html>
`.value;
}

/** The coverage legend and table as the preview shows them, each cell linking to a brief on that pair. */
export function coverageFragment(snapshot: ProjectSnapshot): SafeHtml {
  const table = coverageTable(snapshot.coverage, {
    cellLink: (cell) => `/?${new URLSearchParams({ population: cell.population, topic: cell.topic })}`,
  });
  return html`${coverageLegend(snapshot.coverage)}<div class="table-scroll">${table}</div>`;
}

/** A page that says the project cannot be read, and reloads when a file changes. */
export function brokenProjectPage(options: { root: string; problems: string[]; nonce: string }): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Project problems (briefwright)</title><style>${styleText(PAGE_CSS)}</style></head>
<body>
<main class="broken">
<h1>The project in ${path.basename(options.root)} cannot be read</h1>
<p>Fix these and save; this page reloads by itself.</p>
<pre class="problems">${options.problems.join('\n')}</pre>
</main>
<script nonce="${options.nonce}">new EventSource('/events').addEventListener('change', () => location.reload());</script>
</body>
</html>
`.value;
}

/**
 * The page script: the client function's source, called with its settings. When
 * briefwright runs from TypeScript (tsx, vitest), esbuild's keepNames wraps
 * named functions in calls to a `__name` helper that exists only in Node; the
 * stand-in keeps the same source working in the browser.
 */
function clientScript(config: ClientConfig): SafeHtml {
  const source = `(() => { const __name = (target) => target; (${previewClient.toString()})(${scriptJson(config)}); })();`;
  // Script text is not escaped, so it must not be able to end its element.
  if (/<\/script/i.test(source)) throw new Error('the preview script contains </script');
  return new SafeHtml(source);
}

function scriptJson(value: unknown): string {
  // "<" escaped so no value can close the script element.
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function termFieldset(snapshot: ProjectSnapshot, facet: Facet, legend: string, ticked: Set<string>, hint: string): SafeHtml {
  const terms = snapshot.project.taxonomy.terms(facet);
  return html`<fieldset class="terms">
<legend>${legend}</legend>
<p class="hint">${hint} <button type="button" data-tick="${facet}:all">Tick all</button> <button type="button" data-tick="${facet}:none">Clear</button></p>
${terms.map((term) => termChoice(facet, term, ticked.has(term.id)))}
</fieldset>`;
}

function termChoice(facet: Facet, term: Term, checked: boolean): SafeHtml {
  const id = `${facet}-${term.id}`;
  return html`<div class="choice">
<input type="checkbox" name="${facet}" value="${term.id}" id="${id}"${checked ? html` checked` : ''}${term.description ? html` aria-describedby="${id}-description"` : ''}>
<label for="${id}">${term.label} <span class="term-count" data-count-${facet}="${term.id}"></span></label>
${term.description ? html`<p class="description" id="${id}-description">${term.description}</p>` : ''}
</div>
`;
}

function select(name: string, label: string, values: readonly string[], current: string, describe?: (value: string) => string): SafeHtml {
  return html`<div class="field"><label for="${name}">${label}</label>
<select id="${name}" name="${name}">${values.map((value) => {
    const description = describe?.(value);
    return html`<option value="${value}"${value === current ? html` selected` : ''}${description ? html` title="${description}"` : ''}>${value}</option>`;
  })}</select></div>
`;
}

function textInput(name: string, label: string, value: string | undefined, placeholder = ''): SafeHtml {
  return html`<div class="field"><label for="${name}">${label}</label>
<input type="text" id="${name}" name="${name}" maxlength="200" value="${value ?? ''}"${placeholder ? html` placeholder="${placeholder}"` : ''}></div>
`;
}

function withValue(values: readonly string[], value: string): string[] {
  return values.includes(value) ? [...values] : [...values, value].sort();
}
