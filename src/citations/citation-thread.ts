// The citation engines of a build, in a thread of their own: citeproc-js takes
// about a second to build an engine for a style like APA and some milliseconds
// for every brief's citations, time the main thread spends feeding the browser
// and composing instead. Started by CitationThread (citation-thread-client.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { CitationEngines } from './citation-engines.js';
import type { ThreadReply, ThreadRequest } from './citation-thread-protocol.js';
import { buildEngine, type CachedEngine } from './citeproc-engine.js';
import { citeproc } from './citeproc-module.js';
import type { CslItem } from './reference.js';
import type { CslStyle } from './styles.js';

// citeproc-js is loaded first, when the run is sure to build an engine; an
// engine asked for is built as soon as it is asked for, before the rest of
// what formatting takes has loaded. The first brief waits for its engine.
if ((workerData as { preload?: boolean } | undefined)?.preload) citeproc();

const styles = new Map<string, CslStyle>();
const itemSets = new Map<number, ReadonlyMap<string, CslItem>>();
const early: { style: CslStyle; locale: string; built: CachedEngine }[] = [];
const waiting: Extract<ThreadRequest, { kind: 'format' }>[] = [];
let engines: CitationEngines | undefined;

parentPort!.on('message', (message: ThreadRequest) => {
  if (message.kind === 'style') styles.set(message.key, message.style);
  else if (message.kind === 'items') itemSets.set(message.id, new Map(message.items));
  else if (message.kind === 'warm') {
    const style = styles.get(message.style)!;
    if (engines) engines.warm(style, message.locale);
    else early.push({ style, locale: message.locale, built: buildEngine(style, message.locale) });
  } else if (engines) answer(engines, message);
  else waiting.push(message);
});

const { CitationEngines: Engines } = await import('./citation-engines.js');
const loaded = new Engines();
for (const { style, locale, built } of early) loaded.adopt(style, locale, built);
engines = loaded;
for (const message of waiting.splice(0)) answer(loaded, message);

function answer(engines: CitationEngines, message: Extract<ThreadRequest, { kind: 'format' }>): void {
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
