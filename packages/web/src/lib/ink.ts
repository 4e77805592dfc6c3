/**
 * Text colours for light badges on the Map pages. Mantine's light variant
 * writes shade 9 on shade 1, which misses WCAG AA (4.5:1) for orange, teal,
 * grape and yellow at badge sizes; these darker inks pass on every shade-1
 * background (at least 7:1). Use as `<Badge color="orange" c={ink('orange')}>`.
 */
export const INK: Record<string, string> = {
  orange: '#8a3600',
  yellow: '#6b4c00',
  teal: '#045a3c',
  green: '#1e6a29',
  grape: '#6a1b85',
  red: '#a01515',
  blue: '#0b4a82',
  brand: '#22398a',
  gray: '#373c41',
};

/** The ink for a Mantine colour name ("orange", "orange.6" → the orange ink); dark grey for others. */
export const ink = (color: string): string => INK[color.split('.')[0] ?? ''] ?? INK.gray!;
