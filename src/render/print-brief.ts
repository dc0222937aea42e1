import type { BriefRequest } from '../project/brief-request.js';
import { VERSION } from '../project/package-root.js';
import type { Taxonomy } from '../project/taxonomy.js';
import { hash } from '../record/build-record.js';
import type { BrowserSession } from './browser-session.js';
import { renumberNodeIds } from './pdf-node-ids.js';

/**
 * Prints a composed brief to PDF: tagged, with bookmarks from the headings, the
 * paper size requested and margins, running title and page numbers from the
 * stylesheet's @page rules; then finishes it for PDF/UA-1 (see finish-pdf.ts).
 */
export async function printBrief(options: {
  browser: BrowserSession;
  html: string;
  request: BriefRequest;
  taxonomy: Taxonomy;
}): Promise<{ bytes: Uint8Array; pages: number }> {
  const { request, taxonomy } = options;
  const raw = await options.browser.print(options.html, {
    format: request.paper === 'a4' ? 'A4' : 'Letter',
    printBackground: true,
    tagged: true,
    outline: true,
    // The brief's page rules set the paper (the request's, else the theme's).
    preferCSSPageSize: true,
    displayHeaderFooter: false,
  });
  // pdf-lib and the PDF/UA repairs load with the first PDF, not with every build.
  const { finishPdf } = await import('./finish-pdf.js');
  return finishPdf(renumberNodeIds(raw), {
    html: options.html,
    metadata: {
      title: request.title,
      author: request.author || request.organization,
      subject: request.subtitle,
      keywords: [
        ...request.populations.map((id) => taxonomy.label('population', id, request.lang)),
        ...request.topics.map((id) => taxonomy.label('topic', id, request.lang)),
      ],
      language: request.lang,
      creator: `briefwright ${VERSION}`,
      date: documentDate(request.date),
      documentId: hash(options.html) + hash(request.name),
    },
  });
}

/** The brief's date as a Date (midnight UTC); an unparseable date falls back to the epoch. */
function documentDate(date: string): Date {
  const parsed = Date.parse(/^\d{4}(-\d{2})?$/.test(date) ? `${date}${date.length === 4 ? '-01' : ''}-01` : date);
  return new Date(Number.isNaN(parsed) ? 0 : parsed);
}
