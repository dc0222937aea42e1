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
export { startPreview, type PreviewOptions, type PreviewServer } from './preview/preview-server.js';
export { coverage, type CoverageFormat, type CoverageResult } from './coverage/coverage.js';
export { coverageGrid, type CoverageGrid, type CoverageCell } from './coverage/coverage-grid.js';
export { initProject, type InitResult } from './init/init-project.js';
