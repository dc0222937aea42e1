import type { FormattedCitations } from './citation-engines.js';
import type { CitationMatch } from './parse-citations.js';
import type { CslItem } from './reference.js';
import type { CslStyle } from './styles.js';

/**
 * The messages the main thread sends the citation thread. A style and a set
 * of works are sent once each and named by a key after that.
 */
export type ThreadRequest =
  | { kind: 'style'; key: string; style: CslStyle }
  | { kind: 'items'; id: number; items: [string, CslItem][] }
  | { kind: 'warm'; style: string; locale: string }
  | { kind: 'format'; id: number; style: string; locale: string; items: number; citations: readonly CitationMatch[]; nocite?: readonly string[] | '*' }
  | { kind: 'count'; id: number };

/** The citation thread's answer to a format request (formatted or error), or to a count (engines built). */
export type ThreadReply = { id: number; formatted: FormattedCitations } | { id: number; error: string } | { id: number; built: number };
