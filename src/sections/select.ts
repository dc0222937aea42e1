import { sameLanguage } from '../project/language-tags.js';
import { BriefwrightError } from '../errors.js';
import type { BriefRequest } from '../project/brief-request.js';
import { didYouMean } from '../project/suggest.js';
import { ALL } from '../project/taxonomy.js';
import { KINDS, type BrokenSection, type Section } from './section.js';

/**
 * Picks the sections a request asks for: a section matches when it shares a
 * population with the request (or is tagged `all`) and a topic (any topic when the
 * request names none). `include` adds sections by id, `exclude` removes them.
 * The result is ordered by kind, then weight, then id.
 */
export function selectSections(sections: readonly Section[], request: BriefRequest): Section[] {
  const byId = new Map(sections.map((section) => [section.id, section]));
  const location = request.recipe ? { file: request.recipe.file } : undefined;
  for (const key of ['include', 'exclude'] as const) {
    request[key].forEach((id, index) => {
      if (!byId.has(id)) {
        throw new BriefwrightError(`unknown section '${id}' in ${key}${didYouMean(id, byId.keys())}`, { location: request.where(key, index) ?? location });
      }
    });
  }
  const excluded = new Set(request.exclude);
  const matching = sections.filter((section) => matches(section, request) || request.include.includes(section.id));
  const picked = matching.filter((section) => !excluded.has(section.id));
  if (picked.length === 0 && matching.length > 0) {
    const ids = matching.map((section) => section.id);
    throw new BriefwrightError(
      `every section that matches is excluded: ${ids.join(', ')}; remove ${ids.length === 1 ? 'it' : 'some'} from exclude, or ask for other populations or topics`,
      { location: request.where('exclude') ?? location },
    );
  }
  if (picked.length === 0) throw new BriefwrightError(nothingPicked(sections, request), { location });
  return picked.sort(
    (a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || a.weight - b.weight || a.id.localeCompare(b.id),
  );
}

/**
 * The broken sections a request could pick had they loaded: those whose tags
 * match (a list that could not be read matches anything) or that `include`
 * names, unless `exclude` names them.
 */
export function brokenPicks(broken: readonly BrokenSection[], request: Pick<BriefRequest, 'populations' | 'topics' | 'include' | 'exclude' | 'lang'>): BrokenSection[] {
  return broken.filter((section) => {
    if (request.exclude.includes(section.id)) return false;
    if (section.lang !== undefined && !sameLanguage(section.lang, request.lang)) return false;
    return request.include.includes(section.id) || matches(section, request);
  });
}

/** The error of a brief that could pick broken sections: it is not built, and says which sections and why. */
export function brokenPicksError(broken: readonly BrokenSection[]): BriefwrightError {
  const first = broken[0]!;
  const unreadable = [first.populations ? '' : 'populations', first.topics ? '' : 'topics'].filter(Boolean);
  const count = first.problems.length;
  const message =
    unreadable.length > 0
      ? `this section's ${unreadable.join(' and ')} cannot be read, so this brief may pick it; fix the section to build the brief`
      : `this section has ${count === 1 ? 'an error' : `${count} errors`} and this brief picks it; fix the section to build the brief`;
  const others = broken.length > 1 ? ` (and ${broken.slice(1).map((section) => section.file).join(', ')})` : '';
  return new BriefwrightError(`${message}${others}`, { location: { file: first.file }, cause: first.problems[0] });
}

/** Whether a section's tags match a request's populations and topics; a list left undefined (unreadable) matches any. */
export function matches(
  section: { populations?: readonly string[]; topics?: readonly string[] },
  request: Pick<BriefRequest, 'populations' | 'topics'>,
): boolean {
  const { populations, topics } = section;
  const population = !populations || populations.includes(ALL) || populations.some((id) => request.populations.includes(id));
  const topic = !topics || request.topics.length === 0 || topics.some((id) => request.topics.includes(id));
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
