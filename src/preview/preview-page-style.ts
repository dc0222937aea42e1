/** The pick page's own CSS: readable, keyboard-visible focus, AA contrast throughout. */
export const PAGE_CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a5563; --accent: #1d4a85; --line: #c5ccd6; --bg-soft: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; line-height: 1.45; }
.skip-link { position: absolute; left: -999px; top: 0; background: #fff; padding: 0.5rem; }
.skip-link:focus { left: 0.5rem; z-index: 10; }
.page-header, .page-footer { padding: 0.75rem 1.25rem; background: var(--bg-soft); border-bottom: 1px solid var(--line); }
.page-footer { border-top: 1px solid var(--line); border-bottom: 0; color: var(--muted); }
h1 { font-size: 1.4rem; margin: 0 0 0.25rem; }
h1 .project { font-weight: 400; color: var(--muted); }
h2 { font-size: 1.2rem; margin: 0 0 0.5rem; }
h3 { font-size: 1rem; margin: 0 0 0.25rem; }
.layout { display: grid; grid-template-columns: minmax(18rem, 26rem) 1fr; gap: 1.25rem; padding: 1.25rem; }
.coverage-section { grid-column: 1 / -1; }
@media (max-width: 60rem) { .layout { grid-template-columns: 1fr; } }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1rem; padding: 0.5rem 0.9rem 0.75rem; }
legend { font-weight: 700; padding: 0 0.25rem; }
.choice { display: grid; grid-template-columns: auto 1fr; gap: 0 0.5rem; margin: 0.4rem 0; }
.choice input { margin-top: 0.3rem; width: 1.1rem; height: 1.1rem; }
.choice .description { grid-column: 2; margin: 0; color: var(--muted); font-size: 0.9rem; }
.term-count { color: var(--muted); font-size: 0.9rem; }
.term-count:not(:empty)::before { content: "· "; }
.hint, .optional { color: var(--muted); font-size: 0.9rem; font-weight: 400; }
.field { display: grid; gap: 0.2rem; margin: 0.5rem 0; }
select, input[type=text], input:not([type]), #slug { font: inherit; padding: 0.35rem 0.5rem; border: 1px solid #6b7686; border-radius: 4px; }
button, .button { font: inherit; display: inline-block; padding: 0.4rem 0.9rem; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent); color: #fff; text-decoration: none; cursor: pointer; }
.hint button { padding: 0.1rem 0.5rem; font-size: 0.85rem; background: #fff; color: var(--accent); }
.button[aria-disabled=true] { background: #e4e7eb; border-color: #8a94a3; color: #3d4652; cursor: not-allowed; }
:focus-visible { outline: 3px solid #000; outline-offset: 2px; }
.actions { display: flex; gap: 0.5rem; flex-wrap: wrap; }
.status { min-height: 1.5em; margin: 0.25rem 0 0.5rem; }
.problem { margin: 1rem 1.25rem; padding: 0.75rem 1rem; border: 2px solid #a12a1b; background: #fdf0ee; color: #6d1a10; }
#preview { width: 100%; height: 75vh; min-height: 30rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.save { margin-top: 1rem; display: grid; gap: 0.35rem; max-width: 30rem; justify-items: start; }
.save #slug { width: 100%; }
.save .inline { display: flex; align-items: center; gap: 0.4rem; }
.table-scroll { overflow-x: auto; }
.broken { padding: 1.25rem; }
.problems { white-space: pre-wrap; background: var(--bg-soft); padding: 1rem; border: 1px solid var(--line); }
`;
