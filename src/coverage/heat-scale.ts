/** A heat level's colours: the cell background and the text drawn on it. */
export interface HeatColours {
  background: string;
  text: string;
}

/**
 * The heat-map palette, light to dark. Level 0 is an empty cell: a warm,
 * hatched fill unlike any level, plus the words "no sections", so it does not
 * depend on colour alone. Each text colour has at least 4.5:1 contrast (WCAG AA)
 * with its background, and for level 0 with both hatch colours.
 */
export const HEAT_PALETTE: readonly HeatColours[] = [
  { background: '#fdf1e0', text: '#6b3200' },
  { background: '#e6f0fa', text: '#0b2545' },
  { background: '#bcd5f0', text: '#0b2545' },
  { background: '#6f9fd8', text: '#07162b' },
  { background: '#1d4a85', text: '#ffffff' },
];

/** The second colour of the stripes that hatch an empty cell. */
export const EMPTY_HATCH = '#f6d3a6';

/** The number of non-empty levels. */
export const HEAT_LEVELS = HEAT_PALETTE.length - 1;

/** The heat level of a count: 0 when empty, else 1..HEAT_LEVELS relative to the largest count. */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(HEAT_LEVELS, Math.max(1, Math.ceil((count / max) * HEAT_LEVELS)));
}

/** The smallest and largest counts that fall in each non-empty level, for the legend. */
export function heatRanges(max: number): { level: number; from: number; to: number }[] {
  const ranges: { level: number; from: number; to: number }[] = [];
  for (let count = 1; count <= max; count += 1) {
    const level = heatLevel(count, max);
    const last = ranges.at(-1);
    if (last?.level === level) last.to = count;
    else ranges.push({ level, from: count, to: count });
  }
  return ranges;
}
