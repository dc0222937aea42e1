import type { BriefRequest } from '../project/brief-request.js';
import type { Kind } from '../sections/section.js';
import type { BriefNote } from './brief-numbering.js';

import type { PageSetup } from './page-setup.js';
import type { Palette } from './palette.js';
import type { PageMargins, ThemeFonts } from './theme.js';

/** One section of a composed brief: its front matter and its HTML with citations filled in. */
export interface ModelSection {
  id: string;
  title: string;
  kind: Kind;
  summary: string;
  html: string;
}

/**
 * A composed brief as structured data: what the Handlebars layouts are filled
 * with, and what other formats (Word) are made from, so every output says the same.
 */
export interface BriefModel {
  /** The request's settings, with the labels of its populations and topics. */
  brief: Pick<BriefRequest, 'title' | 'subtitle' | 'audience' | 'author' | 'organization' | 'date' | 'lang' | 'locale' | 'template' | 'paper'> & {
    populationLabels: string[];
    topicLabels: string[];
  };
  sections: ModelSection[];
  /** Sections by kind, in brief order, each with its group heading. */
  groups: { kind: Kind; heading: string; sections: ModelSection[] }[];
  takeaways: { id: string; text: string }[];
  /** The brief's footnotes, numbered across the brief; the text refers to each by a link to its `id`. */
  notes: Pick<BriefNote, 'number' | 'id' | 'html'>[];
  /** The reference list: `anchor` is the id citations link to; `html` the formatted entry. */
  references: { id: string; anchor: string; html: string; annotation?: string }[];
  /** Whether the citation style asks for a hanging indent in the reference list. */
  hangingIndent: boolean;
  /** Every fixed word the layouts print, in the brief's language. */
  labels: Record<string, string>;
  /** A label's text with its fields filled in (plural forms by the brief's language). */
  labelText: (name: string, fields?: Record<string, string | number>) => string;
  /** Whether the brief has a table of contents. */
  toc: boolean;
  theme: {
    name: string;
    organization: string;
    footer: string;
    /** The logo as a data URI. */
    logo?: string;
    logoAlt: string;
    /** The theme's colours (as its settings write them), with those it leaves out worked out. */
    palette: Palette;
    /** The font families of body text and of headings. */
    fonts: ThemeFonts;
  };
  /** The paper the brief is set on (CSS `size`: `letter` or `A4`), and the theme's margins, if it sets them. */
  page: Pick<PageSetup, 'size'> & { margins?: PageMargins };
  generator: string;
}
