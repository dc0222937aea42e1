import { BriefwrightError, formatLocation, ProblemCollector } from '../errors.js';
import { didYouMean } from '../project/suggest.js';
import type { ReferenceForm } from './cross-references.js';
import type { Labels } from './labels.js';
import { SLOT_PATTERN, type RenderedSection } from './section-trees.js';

/** A section of a brief as numbering sees it. */
export interface NumberedSection {
  id: string;
  title: string;
  file: string;
  rendered: RenderedSection;
}

/** A footnote of a brief, numbered across the whole brief. */
export interface BriefNote {
  number: number;
  /** The note's element id (`fn-3`). */
  id: string;
  /** Which section it belongs to (for its citations). */
  section: number;
  /** The note's HTML, with links back to each place the text refers to it. */
  html: string;
}

interface Destination {
  kind: 'figure' | 'table' | 'section';
  href: string;
  number?: number;
  title?: string;
  where: string;
}

const KIND_NAMES = { fig: 'figure', tbl: 'table', sec: 'section' } as const;

/**
 * Numbers a brief's footnotes, figures and tables across all its sections, in
 * reading order, and resolves its cross-references. A label used twice, or a
 * reference to a label the brief lacks, is an error at the place it was written.
 */
export function numberBrief(sections: readonly NumberedSection[], labels: Labels): { fill: (section: number, html: string) => string; notes: BriefNote[] } {
  const problems = new ProblemCollector();
  const destinations = new Map<string, Destination>();
  const add = (label: string, destination: Destination, location: Parameters<typeof formatLocation>[0]) => {
    const earlier = destinations.get(label);
    if (earlier) problems.add(new BriefwrightError(`label '${label}' is used twice in this brief (first at ${earlier.where})`, { location }));
    else destinations.set(label, destination);
  };
  const offsets = sections.map(() => ({ figure: 0, table: 0, note: 0 }));
  const counts = { figure: 0, table: 0, note: 0 };
  sections.forEach((section, index) => {
    offsets[index] = { ...counts };
    add(`sec-${section.id}`, { kind: 'section', href: `#section-${section.id}`, title: section.title, where: section.file }, { file: section.file });
    for (const target of section.rendered.targets) {
      const where = formatLocation(target.location);
      if (target.kind === 'heading') {
        if (target.label) add(target.label, { kind: 'section', href: `#${target.label}`, title: target.text, where }, target.location);
        continue;
      }
      counts[target.kind] += 1;
      if (target.label) add(target.label, { kind: target.kind, href: `#${target.label}`, number: counts[target.kind], where }, target.location);
    }
    counts.note += section.rendered.noteUses.length;
  });
  for (const section of sections) {
    for (const reference of section.rendered.crossReferences) {
      const found = destinations.get(reference.label);
      const kind = KIND_NAMES[reference.label.slice(0, 3) as keyof typeof KIND_NAMES];
      if (found && (found.kind === kind || (kind === 'section' && found.kind === 'section'))) continue;
      const sameKind = [...destinations.keys()].filter((label) => label.startsWith(reference.label.slice(0, 4)));
      problems.add(
        new BriefwrightError(`unknown cross-reference '@${reference.label}': no ${kind} with that label in this brief${didYouMean(reference.label, sameKind)}`, {
          location: reference.location,
        }),
      );
    }
  }
  problems.throwIfAny();

  const fill = (index: number, html: string): string =>
    html.replace(SLOT_PATTERN, (_whole, _tag: string, name: string) => {
      const [what, value, extra] = name.split(':') as [string, string, string | undefined];
      const offset = offsets[index]!;
      if (what === 'note') {
        const number = offset.note + Number(value) + 1;
        const id = noteReferenceId(number, Number(extra));
        return `<sup class="footnote-ref"><a href="#fn-${number}" id="${id}" aria-label="${escapeHtml(labels.text('noteReference', { number }))}">${number}</a></sup>`;
      }
      if (what === 'figure' || what === 'table') {
        const number = offset[what] + Number(value) + 1;
        return `<span class="caption-label">${escapeHtml(labels.text(what === 'figure' ? 'figureCaption' : 'tableCaption', { number }))}</span>`;
      }
      return crossReference(destinations.get(value)!, extra as ReferenceForm, labels);
    });

  const notes: BriefNote[] = [];
  sections.forEach((section, index) => {
    section.rendered.notes.forEach((html, note) => {
      const number = offsets[index]!.note + note + 1;
      const back = Array.from({ length: section.rendered.noteUses[note]! }, (_, use) => {
        const mark = use === 0 ? '↩' : `↩<sup>${use + 1}</sup>`;
        return `<a class="footnote-back" href="#${noteReferenceId(number, use)}" aria-label="${escapeHtml(labels.text('backToNote', { number }))}">${mark}</a>`;
      }).join(' ');
      notes.push({ number, id: `fn-${number}`, section: index, html: withBacklinks(fill(index, html), back) });
    });
  });
  return { fill, notes };
}

function noteReferenceId(number: number, use: number): string {
  return use === 0 ? `fnref-${number}` : `fnref-${number}-${use + 1}`;
}

function crossReference(destination: Destination, form: ReferenceForm, labels: Labels): string {
  if (destination.kind === 'section') {
    const link = `<a class="xref" href="${destination.href}"><em>${escapeHtml(destination.title ?? '')}</em></a>`;
    if (form === 'number') return link;
    // The title is a link inside the label's words: fill the label around a marker, then split there.
    const marker = '\u0000';
    return labels.text(form === 'capital' ? 'sectionReferenceCapital' : 'sectionReference', { title: marker }).split(marker).map(escapeHtml).join(link);
  }
  const text = form === 'number' ? String(destination.number) : labels.text(destination.kind === 'figure' ? 'figureReference' : 'tableReference', { number: destination.number! });
  return `<a class="xref" href="${destination.href}">${escapeHtml(text)}</a>`;
}

/** Puts the links back inside the note's last paragraph, where readers expect them. */
function withBacklinks(html: string, back: string): string {
  const trimmed = html.trimEnd();
  return trimmed.endsWith('</p>') ? `${trimmed.slice(0, -4)} ${back}</p>` : `${trimmed} ${back}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
