import { colord, extend } from 'colord';
import namesPlugin from 'colord/plugins/names';
import type { BriefModel } from '../../compose/brief-model.js';

// Themes may name colours ("white"), as CSS does.
extend([namesPlugin]);

/** Colours of a brand, as six hex digits without `#`. */
export interface WordPalette {
  /** Body text. */
  text: string;
  /** Secondary text: subtitles, captions, meta lines. */
  muted: string;
  /** Title, group headings, the report's cover band. */
  primary: string;
  /** Decorative marks only (the takeaways bar); never text. */
  accent: string;
  /** The page. */
  background: string;
  /** Callout background (the takeaways box, table header rows). */
  callout: string;
  /** Hairlines: table borders, the rule under group headings. */
  rule: string;
  link: string;
  /** Small-caps labels such as the line above the title. */
  label: string;
  /** Text on the primary colour (the report's cover band). */
  onPrimary: string;
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

/** What Word uses when a theme names no font for a role (the stylesheet's own fallbacks). */
const FALLBACK_FONTS = { body: 'Georgia', heading: 'Arial' };

/**
 * A theme's brand for Word, from its validated settings (theme.yaml and the
 * themes it extends): the palette colour by colour, the body and heading font
 * families, the organization, footer line and logo. The same settings give the
 * HTML its custom properties, so Word and the page agree.
 */
export function brandFromTheme(theme: BriefModel['theme']): WordBrand {
  const palette = Object.fromEntries(
    (Object.keys(theme.palette) as (keyof WordPalette)[]).map((key) => [key, colord(theme.palette[key]).toHex().slice(1, 7).toUpperCase()]),
  ) as unknown as WordPalette;
  return {
    palette,
    fonts: { body: theme.fonts.body || FALLBACK_FONTS.body, heading: theme.fonts.headings || FALLBACK_FONTS.heading },
    organization: theme.organization,
    footer: theme.footer,
    logo: theme.logo ? { data: theme.logo, alt: theme.logoAlt } : undefined,
  };
}
