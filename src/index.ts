// The library entry point: the same stages the command line uses.
export { build, type BuildOptions, type BriefResult } from './build.js';
export { check, type CheckReport } from './check.js';
export { BriefwrightError, ExitCode, ProblemList } from './errors.js';
export { loadProject, type Project } from './project/load-project.js';
export { selectSections } from './sections/select.js';
export { findCitations } from './citations/parse-citations.js';
export { CitationEngines } from './citations/citation-engines.js';
export { composeBrief } from './compose/compose-brief.js';
export { BrowserSession } from './render/browser-session.js';
export { findChrome } from './render/find-chrome.js';
