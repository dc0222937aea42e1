import type { BriefRequest } from '../project/brief-request.js';
import type { Kind } from '../sections/section.js';

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
  /** The reference list: `anchor` is the id citations link to; `html` the formatted entry. */
  references: { id: string; anchor: string; html: string; annotation?: string }[];
  /** Whether the citation style asks for a hanging indent in the reference list. */
  hangingIndent: boolean;
  theme: {
    name: string;
    organization: string;
    footer: string;
    /** The logo as a data URI. */
    logo?: string;
    logoAlt: string;
  };
  /** The paper the brief is set on (CSS `size`: `letter` or `A4`). */
  page: { size: string };
  generator: string;
}
