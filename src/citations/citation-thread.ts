// The citation engines of a build, in a thread of their own: citeproc-js takes
// about a second to build an engine for a style like APA and some milliseconds
// for every brief's citations, time the main thread spends feeding the browser
// and composing instead. Started by CitationThread (citation-thread-client.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { citeproc } from './citeproc-module.js';
import type { CslItem } from './reference.js';
import type { ThreadReply, ThreadRequest } from './citation-thread-protocol.js';
import type { CslStyle } from './styles.js';

// citeproc-js is loaded first, when the run is sure to build an engine, and the
// rest of what formatting takes after it. Messages wait in the port meanwhile.
if ((workerData as { preload?: boolean } | undefined)?.preload) citeproc();
const { CitationEngines } = await import('./citation-engines.js');

const engines = new CitationEngines();
const styles = new Map<string, CslStyle>();
const itemSets = new Map<number, ReadonlyMap<string, CslItem>>();

parentPort!.on('message', (message: ThreadRequest) => {
  if (message.kind === 'style') styles.set(message.key, message.style);
  else if (message.kind === 'items') itemSets.set(message.id, new Map(message.items));
  else if (message.kind === 'warm') engines.warm(styles.get(message.style)!, message.locale);
  else {
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
});
