import { BriefwrightError } from '../errors.js';
import { ALL } from '../project/taxonomy.js';
import { matches } from '../sections/select.js';
import { choicesToFields, type BriefChoices } from './brief-choices.js';
import { prepareBrief } from './preview-brief.js';
import type { ProjectSnapshot } from './project-snapshot.js';

/** What the pick form shows beside its choices. */
export interface PickSummary {
  /** Identifies the form's options (the page reloads when the one it drew is out of date). */
  formKey: string;
  /** Sections each population would add, given the topics chosen (any topic when none is). */
  populations: Record<string, number>;
  /** Sections each topic would add, given the populations chosen (every population when none is). */
  topics: Record<string, number>;
  /** The brief the choices make, when they make one. */
  brief?: { name: string; title: string; sections: { id: string; title: string; kind: string }[] };
  /** Why the choices make no brief, in the words `build` would use. */
  problem?: string;
}

/** Counts what each choice picks, by the same rule as `build`, and the brief the current choices make. */
export function pickSummary(snapshot: ProjectSnapshot, choices: BriefChoices): PickSummary {
  const { taxonomy, sections } = snapshot.project;
  const chosenPopulations = choices.population.includes(ALL)
    ? taxonomy.populations.map((term) => term.id)
    : choices.population.map((value) => taxonomy.resolve('population', value));
  const chosenTopics = choices.topic.map((value) => taxonomy.resolve('topic', value));
  const count = (populations: string[], topics: string[]) => sections.filter((section) => matches(section, { populations, topics })).length;
  const summary: PickSummary = {
    formKey: snapshot.formKey,
    populations: Object.fromEntries(taxonomy.populations.map((term) => [term.id, count([term.id], chosenTopics)])),
    topics: Object.fromEntries(
      taxonomy.topics.map((term) => [term.id, count(chosenPopulations.length > 0 ? chosenPopulations : taxonomy.populations.map((p) => p.id), [term.id])]),
    ),
  };
  if (chosenPopulations.length === 0) return { ...summary, problem: "Pick at least one population (or 'all')." };
  try {
    const { request, sections: picked } = prepareBrief(snapshot, choicesToFields(choices));
    return {
      ...summary,
      brief: {
        name: request.name,
        title: request.title,
        sections: picked.map((section) => ({ id: section.id, title: section.title, kind: section.kind })),
      },
    };
  } catch (error) {
    if (!(error instanceof BriefwrightError)) throw error;
    return { ...summary, problem: error.format() };
  }
}
