/**
 * Lets a long address wrap where a reader expects it to. Browsers find no
 * break in "https://doi.org/10.1080/15391523.2011.10782576" (the Unicode line
 * breaking rules keep numbers with their slashes and dots), so in a narrow
 * column `overflow-wrap` splits it anywhere, often in the middle of a number.
 * A `<wbr>` goes after each slash, before each dot of the host name, and before
 * each `?`, `&`, `=` or `#` of the rest; never inside a DOI's numbers. The link
 * itself is unchanged.
 */
export function breakLinkText(html: string): string {
  return html.replace(/(<a\b[^>]*>)(https?:\/\/[^<\s]+|www\.[^<\s]+)(<\/a>)/g, (_whole, open: string, text: string, close: string) => {
    return `${open}${breakAddress(text)}${close}`;
  });
}

/** An address with `<wbr>` at its sensible break points (the text is already HTML-escaped). */
export function breakAddress(text: string): string {
  const [, scheme = '', host = '', rest = ''] = /^([a-z]+:\/\/)?([^/]*)(.*)$/s.exec(text) ?? [];
  const brokenHost = host.replace(/(?<=.)\./g, '<wbr>.');
  const brokenRest = rest.replace(/\/+/g, '$&<wbr>').replace(/(&#?\w+;)|[?=#]/g, (match: string, entity: string | undefined, offset: number) => {
    if (offset === 0 || (entity !== undefined && entity !== '&amp;')) return match;
    return `<wbr>${match}`;
  });
  return scheme + brokenHost + brokenRest;
}
