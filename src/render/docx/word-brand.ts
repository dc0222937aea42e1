import { brandTextIn } from '../../compose/theme.js';
import type { Stylesheet } from '../../compose/stylesheets.js';

/** Colours of a brand, as six hex digits without `#`. */
export interface WordPalette {
  /** Body text. */
  text: string;
  /** Secondary text: subtitles, captions, meta lines. */
  muted: string;
  /** Title, group headings, rules. */
  primary: string;
  /** Decorative marks only (the takeaways bar); never text. */
  accent: string;
  /** Callout background (the takeaways box, table header rows). */
  callout: string;
  /** Hairlines: table borders, the rule under group headings. */
  rule: string;
  link: string;
  /** Small-caps labels such as the line above the title. */
  label: string;
}

/** Everything about a brand that shapes the Word styles: a plain object, so any source of settings can fill it. */
export interface WordBrand {
  palette: WordPalette;
  fonts: { body: string; heading: string };
  organization: string;
  footer: string;
  /** The logo as a data URI, and its alternative text. */
  logo?: { data: string; alt: string };
}

/** The colours and fonts of briefwright's default theme. */
export const DEFAULT_BRAND: WordBrand = {
  palette: {
    text: '1B1F24',
    muted: '4A5360',
    primary: '1D4E89',
    accent: '1D4E89',
    callout: 'EEF3F9',
    rule: 'C9D3DF',
    link: '1D4E89',
    label: '1D4E89',
  },
  fonts: { body: 'Source Serif 4', heading: 'Public Sans' },
  organization: '',
  footer: '',
};

/** Which CSS custom property of a theme gives each colour of the palette. */
const PALETTE_PROPERTIES: Record<keyof WordPalette, string> = {
  text: '--ink',
  muted: '--muted',
  primary: '--accent',
  accent: '--highlight',
  callout: '--panel',
  rule: '--rule',
  link: '--link',
  label: '--label',
};

/**
 * A theme's brand for Word, read from what the theme says today: the colour and
 * font custom properties of its stylesheet (`--accent`, `--serif`, …), and the
 * organization, footer and logo of `theme.yaml`. A setting the theme does not
 * give keeps the default.
 */
export function brandFromStylesheet(stylesheet: Pick<Stylesheet, 'css' | 'logo' | 'brand'>, organization: string, logoAlt: string): WordBrand {
  const properties = customProperties(stylesheet.css);
  const palette = { ...DEFAULT_BRAND.palette };
  for (const [key, property] of Object.entries(PALETTE_PROPERTIES) as [keyof WordPalette, string][]) {
    const colour = hexColour(resolve(properties, property));
    if (colour) palette[key] = colour;
  }
  return {
    palette,
    fonts: {
      body: firstFamily(resolve(properties, '--serif')) ?? DEFAULT_BRAND.fonts.body,
      heading: firstFamily(resolve(properties, '--sans')) ?? DEFAULT_BRAND.fonts.heading,
    },
    organization,
    footer: brandTextIn(stylesheet.brand.footer, 'en') ?? '',
    logo: stylesheet.logo ? { data: stylesheet.logo, alt: logoAlt } : undefined,
  };
}

/** Custom properties declared in `:root` rules; a later declaration wins, as in CSS. */
function customProperties(css: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const [, body] of css.matchAll(/:root\s*\{([^}]*)\}/g)) {
    const withoutComments = body!.replace(/\/\*[\s\S]*?\*\//g, '');
    for (const [, name, value] of withoutComments.matchAll(/(--[\w-]+)\s*:\s*([^;]+)/g)) properties.set(name!, value!.trim());
  }
  return properties;
}

function resolve(properties: Map<string, string>, name: string, depth = 0): string | undefined {
  const value = properties.get(name);
  const reference = value && /^var\(\s*(--[\w-]+)\s*\)$/.exec(value);
  return reference && depth < 8 ? resolve(properties, reference[1]!, depth + 1) : value;
}

function hexColour(value: string | undefined): string | undefined {
  const match = value && /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value);
  if (!match) return undefined;
  const digits = match[1]!.length === 3 ? [...match[1]!].map((digit) => digit + digit).join('') : match[1]!;
  return digits.toUpperCase();
}

function firstFamily(value: string | undefined): string | undefined {
  const first = value?.split(',')[0]?.trim().replace(/^["']|["']$/g, '');
  return first && !/^(serif|sans-serif|monospace|system-ui)$/.test(first) ? first : undefined;
}
