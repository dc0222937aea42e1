import { BriefwrightError } from '../errors.js';
import type { BriefRequest } from '../project/brief-request.js';
import { didYouMean } from '../project/suggest.js';
import { ALL } from '../project/taxonomy.js';
import { KINDS, type Section } from './section.js';

/**
 * Picks the sections a request asks for: a section matches when it shares a
 * population with the request (or is tagged `all`) and a topic (any topic when the
 * request names none). `include` adds sections by id, `exclude` removes them.
 * The result is ordered by kind, then weight, then id.
 */
export function selectSections(sections: readonly Section[], request: BriefRequest): Section[] {
  const byId = new Map(sections.map((section) => [section.id, section]));
  const location = request.recipe ? { file: request.recipe.file } : undefined;
  for (const id of [...request.include, ...request.exclude]) {
    if (!byId.has(id)) {
      throw new BriefwrightError(`unknown section '${id}'${didYouMean(id, byId.keys())}`, { location });
    }
  }
  const excluded = new Set(request.exclude);
  const picked = sections.filter(
    (section) => !excluded.has(section.id) && (matches(section, request) || request.include.includes(section.id)),
  );
  if (picked.length === 0) throw new BriefwrightError(nothingPicked(sections, request), { location });
  return picked.sort(
    (a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || a.weight - b.weight || a.id.localeCompare(b.id),
  );
}

/** Whether a section matches a request's populations and topics. */
export function matches(section: Section, request: Pick<BriefRequest, 'populations' | 'topics'>): boolean {
  const population =
    section.populations.includes(ALL) || section.populations.some((id) => request.populations.includes(id));
  const topic = request.topics.length === 0 || section.topics.some((id) => request.topics.includes(id));
  return population && topic;
}

function nothingPicked(sections: readonly Section[], request: BriefRequest): string {
  const topicsFor = (population: string) =>
    [...new Set(sections.filter((s) => s.populations.includes(population) || s.populations.includes(ALL)).flatMap((s) => s.topics))].sort();
  const populationsFor = (topic: string) =>
    [...new Set(sections.filter((s) => s.topics.includes(topic)).flatMap((s) => s.populations))].sort();
  const lines = [
    `no section matches population${request.populations.length > 1 ? 's' : ''} ${request.populations.join(', ')}` +
      (request.topics.length > 0 ? ` with topic${request.topics.length > 1 ? 's' : ''} ${request.topics.join(', ')}` : ''),
  ];
  for (const population of request.populations) {
    const topics = topicsFor(population);
    lines.push(`  ${population} has sections on: ${topics.length > 0 ? topics.join(', ') : '(none)'}`);
  }
  for (const topic of request.topics) {
    const populations = populationsFor(topic);
    lines.push(`  ${topic} has sections for: ${populations.length > 0 ? populations.join(', ') : '(none)'}`);
  }
  return lines.join('\n');
}
