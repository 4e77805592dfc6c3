/**
 * A coloured badge that stays readable: light badges get a dark text shade and
 * strong ones a dark background, so every colour passes WCAG AA contrast
 * (Mantine's default teal, yellow and orange shades do not on light backgrounds).
 */
import { Badge, type BadgeProps } from '@mantine/core';
import type { ComponentPropsWithoutRef } from 'react';

/** Text (and strong background) colours with at least 4.5:1 contrast on white and on Mantine's light tints. */
const DARK: Record<string, string> = {
  teal: '#065f46',
  green: '#14532d',
  yellow: '#7c4a03',
  orange: '#9a3412',
  red: '#b91c1c',
  grape: '#6b21a8',
  blue: '#1e4e8c',
  brand: '#28459f',
  gray: '#495057',
};

export function Tone(
  props: BadgeProps & ComponentPropsWithoutRef<'div'> & { color: string; strong?: boolean },
) {
  const { color, strong, style, ...rest } = props;
  const dark = DARK[color] ?? DARK.gray!;
  return strong ? (
    <Badge {...rest} variant="filled" style={{ ...(style as object), background: dark, color: 'white' }} />
  ) : (
    <Badge {...rest} variant="light" color={color} style={{ ...(style as object), color: dark }} />
  );
}
