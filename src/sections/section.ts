import { z } from 'zod';
import type { BriefwrightError } from '../errors.js';

/** The kinds of section, in the order a brief presents them. */
export const KINDS = ['background', 'barrier', 'evidence', 'practice', 'recommendation'] as const;

/** One of the section kinds. */
export type Kind = (typeof KINDS)[number];

/** The front matter every section must have. Other keys are kept for templates. */
export const frontMatterSchema = z.looseObject({
  title: z.string().trim().min(1).describe("write the section's heading"),
  populations: z.array(z.string()).min(1).describe('list at least one population id, or [all]'),
  topics: z.array(z.string()).min(1).describe('list at least one topic id'),
  kind: z.enum(KINDS),
  weight: z.number().default(100).describe('write a number; lower weights come first within a kind'),
  summary: z.string().trim().default('').describe('one sentence, used by handouts and tables of contents'),
});

/** A section as loaded: validated front matter with canonical ids, and its Markdown body. */
export interface Section {
  /** The file name without `.md`; unique in a project. */
  id: string;
  /** Path relative to the project folder, with forward slashes (used in messages). */
  file: string;
  title: string;
  populations: string[];
  topics: string[];
  kind: Kind;
  weight: number;
  summary: string;
  /** Front matter keys beyond the required ones. */
  extra: Record<string, unknown>;
  /** The Markdown after the front matter. */
  body: string;
  /** The line of the file on which `body` starts (1-based). */
  bodyLine: number;
  /** The whole file, for hashing. */
  source: string;
  /** The language it is written in: its `lang`, its file name's (`x.es.md`), else the taxonomy's. */
  lang: string;
  /** Of an original: its translations, by language tag. */
  translations: ReadonlyMap<string, Section>;
  /** Of a translation: the original it was made from. */
  translationOf?: TranslationOf;
}

/** What a translation knows of its original. */
export interface TranslationOf {
  /** The original's file. */
  file: string;
  /** The original's language. */
  lang: string;
  /** The version of the original it was made from, as its front matter records (`translated-from`). */
  madeFrom?: string;
  /** The original's version now (a hash of its title, summary and body). */
  current: string;
}

/**
 * A section file that could not be loaded, with what could still be read of its
 * tags: a list left undefined could not be read, so it may match any request.
 */
export interface BrokenSection {
  id: string;
  file: string;
  problems: BriefwrightError[];
  populations?: string[];
  topics?: string[];
  /** The whole file, for telling which references it cites. */
  source: string;
  /** For a translation, its language: only briefs in that language could pick it. */
  lang?: string;
}
