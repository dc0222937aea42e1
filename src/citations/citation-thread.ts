// The citation engines of a build, in a thread of their own: citeproc-js takes
// about a second to build an engine for a style like APA and some milliseconds
// for every brief's citations, time the main thread spends feeding the browser
// and composing instead. Started by CitationThread (citation-thread-client.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { CitationEngines } from './citation-engines.js';
import type { ThreadReply, ThreadRequest } from './citation-thread-protocol.js';
import { buildEngine, engineKey, type CachedEngine } from './citeproc-engine.js';
import { citeproc } from './citeproc-module.js';
import type { CslItem } from './reference.js';
import type { CslStyle } from './styles.js';

// citeproc-js is loaded first, when the run is sure to build an engine; an
// engine asked for is built as soon as it is asked for, before the rest of
// what formatting takes has loaded. The first brief waits for its engine.
if ((workerData as { preload?: boolean } | undefined)?.preload) citeproc();

const styles = new Map<string, CslStyle>();
const itemSets = new Map<number, ReadonlyMap<string, CslItem>>();
// Engines built before the formatting code loaded, one per style and locale:
// a build warms the engine of every brief it plans, and those requests can all
// arrive while the import below is still waiting its turn.
const early = new Map<string, { style: CslStyle; locale: string; built: CachedEngine }>();
const waiting: Extract<ThreadRequest, { kind: 'format' | 'count' }>[] = [];
let engines: CitationEngines | undefined;
/** Engines built before the formatting code loaded. */
let builtEarly = 0;

parentPort!.on('message', (message: ThreadRequest) => {
  if (message.kind === 'style') styles.set(message.key, message.style);
  else if (message.kind === 'items') itemSets.set(message.id, new Map(message.items));
  else if (message.kind === 'warm') warm(styles.get(message.style)!, message.locale);
  else if (engines) answer(engines, message);
  else waiting.push(message);
});

const { CitationEngines: Engines } = await import('./citation-engines.js');
const loaded = new Engines();
for (const { style, locale, built } of early.values()) loaded.adopt(style, locale, built);
engines = loaded;
for (const message of waiting.splice(0)) answer(loaded, message);

/**
 * Builds an engine ahead of need. A style or locale that fails here fails
 * again, and is reported, when a brief asks for its citations.
 */
function warm(style: CslStyle, locale: string): void {
  const key = engineKey(style, locale);
  try {
    if (engines) engines.warm(style, locale);
    else if (!early.has(key)) {
      early.set(key, { style, locale, built: buildEngine(style, locale) });
      builtEarly += 1;
    }
  } catch {
    // Left to the format request.
  }
}

function answer(engines: CitationEngines, message: Extract<ThreadRequest, { kind: 'format' | 'count' }>): void {
  if (message.kind === 'count') {
    parentPort!.postMessage({ id: message.id, built: builtEarly + engines.enginesBuilt } satisfies ThreadReply);
    return;
  }
  let reply: ThreadReply;
  try {
    const formatted = engines.format({
      style: styles.get(message.style)!,
      locale: message.locale,
      items: itemSets.get(message.items)!,
      citations: message.citations,
      nocite: message.nocite,
    });
    reply = { id: message.id, formatted };
  } catch (error) {
    reply = { id: message.id, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
}
