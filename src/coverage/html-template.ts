/** HTML that is already safe to emit: markup we wrote, with every interpolated value escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

/**
 * A tagged template for HTML: strings and numbers are escaped, SafeHtml is kept,
 * arrays are joined, and null, undefined and false print nothing. Taxonomy labels
 * and file contents are user text, so nothing reaches a page unescaped by accident.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1]!;
  });
  return new SafeHtml(out);
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** CSS for a style element: kept as written (entities mean nothing there), but unable to end the element. */
export function styleText(css: string): SafeHtml {
  if (/<\/style/i.test(css)) throw new Error('stylesheet text contains </style');
  return new SafeHtml(css);
}
