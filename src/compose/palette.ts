import { colord, extend } from 'colord';
import a11yPlugin from 'colord/plugins/a11y';
import mixPlugin from 'colord/plugins/mix';
import namesPlugin from 'colord/plugins/names';
import { z } from 'zod';

extend([a11yPlugin, mixPlugin, namesPlugin]);

/** A colour as CSS writes it: #1d4e89, rgb(29 78 137), hsl(...), or a name. */
const colour = z.string().refine((value) => colord(value).isValid(), 'a colour such as "#1d4e89", "rgb(29 78 137)" or "white"');

/** The colours a theme may set. Only the first five are needed; the others follow from them. */
export const paletteSchema = z.strictObject({
  /** Title, headings, bands and rules. */
  primary: colour.optional(),
  /** Decorative marks: bullets, bars, numbers on key points. Never text. */
  accent: colour.optional(),
  /** Body text. */
  text: colour.optional(),
  /** The page. */
  background: colour.optional(),
  /** The panel behind key takeaways and other callouts. */
  callout: colour.optional(),
  /** Secondary text: subtitles, dates, captions (default: text). */
  muted: colour.optional(),
  /** Small capital labels above groups and panels, and the line above the title (default: primary). */
  label: colour.optional(),
  /** Links on screen (default: primary). */
  link: colour.optional(),
  /** Text on a primary band, such as the report cover (default: white or black, whichever reads better). */
  onPrimary: colour.optional(),
  /** Hairlines between entries (decorative; default: primary faded into the background). */
  rule: colour.optional(),
});

/** Palette settings as written in a theme. */
export type PaletteSettings = z.output<typeof paletteSchema>;

/** A palette with every colour known. */
export type Palette = Required<PaletteSettings>;

/** The colours every theme must end up with, from itself or the themes it extends. */
export const PRIMARY_KEYS = ['primary', 'accent', 'text', 'background', 'callout'] as const;

/** Fills the colours a palette may leave out from the ones it has. */
export function completePalette(settings: PaletteSettings & Pick<Palette, (typeof PRIMARY_KEYS)[number]>): Palette {
  const onPrimary =
    settings.onPrimary ?? (colord('#ffffff').contrast(settings.primary) >= colord('#000000').contrast(settings.primary) ? '#ffffff' : '#000000');
  return {
    ...settings,
    muted: settings.muted ?? settings.text,
    label: settings.label ?? settings.primary,
    link: settings.link ?? settings.primary,
    onPrimary,
    rule: settings.rule ?? colord(settings.primary).mix(settings.background, 0.75).toHex(),
  };
}

/** WCAG 2.1 AA for body-size text. */
export const MINIMUM_CONTRAST = 4.5;

/** Every pair of a palette that is text on a ground somewhere in the built-in layouts. */
const TEXT_PAIRS: [keyof Palette, keyof Palette][] = [
  ['text', 'background'],
  ['text', 'callout'],
  ['muted', 'background'],
  ['muted', 'callout'],
  ['primary', 'background'],
  ['primary', 'callout'],
  ['label', 'background'],
  ['label', 'callout'],
  ['link', 'background'],
  ['onPrimary', 'primary'],
];

/** A text/ground pair that does not reach the contrast readers need. */
export interface ContrastFailure {
  text: keyof Palette;
  ground: keyof Palette;
  ratio: number;
  /** "palette.text #8a8a8a on palette.background #ffffff: contrast 3.45:1, WCAG AA needs 4.5:1" */
  message: string;
}

/** The pairs of a palette whose contrast is below WCAG AA. */
export function contrastFailures(palette: Palette): ContrastFailure[] {
  const failures: ContrastFailure[] = [];
  for (const [text, ground] of TEXT_PAIRS) {
    const ratio = contrastRatio(palette[text], palette[ground]);
    if (ratio >= MINIMUM_CONTRAST) continue;
    failures.push({
      text,
      ground,
      ratio,
      message: `palette.${text} ${palette[text]} on palette.${ground} ${palette[ground]} has contrast ${ratio.toFixed(2)}:1; WCAG AA needs ${MINIMUM_CONTRAST}:1 (choose a darker or lighter colour)`,
    });
  }
  return failures;
}

/** The WCAG contrast ratio of two colours, rounded down to two decimals (as checkers report it). */
export function contrastRatio(a: string, b: string): number {
  return colord(a).contrast(b);
}

/** The custom properties a palette sets, read by base.css and every layout. */
export function paletteProperties(palette: Palette): Record<string, string> {
  return {
    '--primary': palette.primary,
    '--accent': palette.accent,
    '--text': palette.text,
    '--background': palette.background,
    '--callout': palette.callout,
    '--muted': palette.muted,
    '--label': palette.label,
    '--link': palette.link,
    '--on-primary': palette.onPrimary,
    '--rule': palette.rule,
  };
}
