/** Seconds to launch Chromium and print each HTML with bare page.pdf() calls, `pages` pages at a time. */
export function bareFloor(htmls: readonly string[], pages: number, options?: { tagged?: boolean; outline?: boolean }): Promise<number>;
/** The HTML files in a folder, in name order. */
export function htmlsIn(folder: string): Promise<string[]>;
